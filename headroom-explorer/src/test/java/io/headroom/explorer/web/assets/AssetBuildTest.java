package io.headroom.explorer.web.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.http.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetBuildTest {
    @TempDir
    Path dir;

    @Test
    void namesEveryAssetByItsContentAndRewritesTheReferences() throws IOException {
        Path src = sources(Map.of(
                "index.html",
                        "<link rel=\"stylesheet\" href=\"style.css\"><script type=\"module\" src=\"app.js\"></script>",
                "style.css", "body { color: #111; }\n".repeat(80),
                "app.js", "import { a } from './lib.js';\nconst v = () => import(\"./view.js\");\n",
                "lib.js", "export const a = 1;\n",
                "view.js", "import './lib.js';\nexport const b = 2;\n"));
        AssetBuild.Manifest manifest = new AssetBuild(src, dir.resolve("out")).build();

        assertThat(manifest.assets()).containsOnlyKeys("app.js", "lib.js", "view.js", "style.css");
        String lib = manifest.assets().get("lib.js");
        assertThat(lib).matches("lib\\.[0-9a-f]{10}\\.js");
        Path assets = dir.resolve("out/assets");
        String app = Files.readString(assets.resolve(manifest.assets().get("app.js")));
        assertThat(app)
                .contains("from './" + lib + "'")
                .contains("import(\"./" + manifest.assets().get("view.js") + "\")");
        assertThat(Files.readString(assets.resolve(manifest.assets().get("view.js"))))
                .contains("import './" + lib + "'");
        String html = Files.readString(dir.resolve("out/index.html"));
        assertThat(html)
                .contains("href=\"/assets/" + manifest.assets().get("style.css") + "\"")
                .contains("src=\"/assets/" + manifest.assets().get("app.js") + "\"");
        assertThat(Files.readString(dir.resolve("out/manifest.json"))).contains("\"lib.js\": \"" + lib + "\"");

        // The variants decode to the same bytes.
        Path css = assets.resolve(manifest.assets().get("style.css"));
        try (GZIPInputStream gz =
                new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(Path.of(css + ".gz"))))) {
            assertThat(gz.readAllBytes()).isEqualTo(Files.readAllBytes(css));
        }
        assertThat(Files.exists(Path.of(css + ".br"))).isEqualTo(Compression.brotliAvailable());
    }

    @Test
    void changingAModuleRenamesEveryModuleThatImportsIt() throws IOException {
        Map<String, String> files = new HashMap<>(Map.of(
                "index.html",
                "<script src=\"app.js\"></script>",
                "app.js",
                "import './lib.js';\n",
                "lib.js",
                "export const a = 1;\n",
                "other.js",
                "export const c = 3;\n"));
        AssetBuild.Manifest before = new AssetBuild(sources(files), dir.resolve("one")).build();
        files.put("lib.js", "export const a = 2;\n");
        AssetBuild.Manifest after = new AssetBuild(sources(files), dir.resolve("two")).build();

        assertThat(after.assets().get("lib.js")).isNotEqualTo(before.assets().get("lib.js"));
        assertThat(after.assets().get("app.js"))
                .as("its import changed")
                .isNotEqualTo(before.assets().get("app.js"));
        assertThat(after.assets().get("other.js")).isEqualTo(before.assets().get("other.js"));
    }

    @Test
    void aRebuildLeavesNoStaleAsset() throws IOException {
        Map<String, String> files = new HashMap<>(
                Map.of("index.html", "<script src=\"app.js\"></script>", "app.js", "export const a = 1;\n"));
        new AssetBuild(sources(files), dir.resolve("out")).build();
        files.put("app.js", "export const a = 2;\n");
        AssetBuild.Manifest manifest = new AssetBuild(sources(files), dir.resolve("out")).build();
        try (Stream<Path> listed = Files.list(dir.resolve("out/assets"))) {
            assertThat(listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".js")))
                    .containsExactly(manifest.assets().get("app.js"));
        }
    }

    @Test
    void refusesAnImportCycleAndAMissingReference() throws IOException {
        Path cycle = sources(Map.of(
                "index.html",
                "<script src=\"a.js\"></script>",
                "a.js",
                "import './b.js';\n",
                "b.js",
                "import './a.js';\n"));
        assertThatThrownBy(() -> new AssetBuild(cycle, dir.resolve("c")).build())
                .hasMessageContaining("import cycle")
                .hasMessageContaining("a.js -> b.js -> a.js");
        Path missing = sources(Map.of("index.html", "<script src=\"gone.js\"></script>", "a.js", "export {};\n"));
        assertThatThrownBy(() -> new AssetBuild(missing, dir.resolve("m")).build())
                .hasMessageContaining("gone.js");
    }

    private Path sources(Map<String, String> files) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(src.resolve(f.getKey()), f.getValue());
        }
        return src;
    }
}
