package io.headroom.explorer.web.assets;

import io.headroom.toolkit.http.Compression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The UI's build step, run by Maven (exec-maven-plugin, phase process-classes) so that no Node.js is
 * needed: takes the plain ES modules, CSS and {@code index.html} of {@code src/main/web}, names every
 * asset by a hash of its content ({@code app.3f9c2b1a7d.js}), writes its brotli and gzip variants
 * beside it, rewrites the references (module imports and the HTML's links) to the hashed names and
 * writes {@code manifest.json}. A hashed name never changes meaning, so it can be cached for a year by
 * browsers and CDNs alike ({@code immutable}); only {@code index.html} is revalidated.
 *
 * <p>A module's hash covers its rewritten imports, so changing a module renames every module that
 * imports it, transitively: modules are processed dependencies first, and an import cycle is refused.
 */
public final class AssetBuild {
    /** {@code from './x.js'}, {@code import './x.js'} and {@code import('./x.js')}: only relative, flat specifiers. */
    static final Pattern IMPORT = Pattern.compile("(\\bfrom\\s*|\\bimport\\s*\\(?\\s*)(['\"])\\./([\\w.-]+\\.js)\\2");
    /** {@code href="x.css"} / {@code src="x.js"} in the HTML, relative names only. */
    static final Pattern HTML_REF = Pattern.compile("(href|src)=\"([\\w.-]+\\.(?:js|css|svg|ico))\"");

    private static final int HASH_HEX = 10;

    /** The service worker keeps its name (a new worker is found by re-fetching the same URL) and gets the shell's list. */
    static final String SERVICE_WORKER = "sw.js";

    static final String SHELL_PLACEHOLDER = "'__HEADROOM_SHELL__'";
    static final String VERSION_PLACEHOLDER = "'__HEADROOM_VERSION__'";

    private final Path source;
    private final Path target;
    private final List<Vendor> vendors;
    private final Compression compression = new Compression(11, 9); // built once: the best ratio is free

    /**
     * A third-party file taken from a WebJar on the build's classpath ({@code uplot.js=META-INF/resources/...}),
     * hashed like our own. {@code #Name} after the resource turns a script that defines the global {@code Name}
     * (a UMD/IIFE build) into an ES module by appending {@code export default Name;}.
     */
    record Vendor(String name, String resource, String exportedGlobal) {
        static Vendor parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "vendor file '" + spec + "': expected name=classpath-resource[#Global]");
            }
            String resource = spec.substring(eq + 1);
            int hash = resource.indexOf('#');
            return hash < 0
                    ? new Vendor(spec.substring(0, eq), resource, null)
                    : new Vendor(spec.substring(0, eq), resource.substring(0, hash), resource.substring(hash + 1));
        }

        String read() throws IOException {
            try (var in = AssetBuild.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("vendor file " + name + ": " + resource + " is not on the build's classpath");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return exportedGlobal == null ? text : text + "\nexport default " + exportedGlobal + ";\n";
            }
        }
    }

    AssetBuild(Path source, Path target) {
        this(source, target, List.of());
    }

    AssetBuild(Path source, Path target, List<Vendor> vendors) {
        this.source = source;
        this.target = target;
        this.vendors = List.copyOf(vendors);
    }

    /**
     * {@code AssetBuild <source dir> <output dir> [name=classpath-resource[#Global] ...]}; the output is a
     * classpath folder ({@code target/classes/web}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: AssetBuild <source dir> <output dir> [name=classpath-resource[#Global] ...]");
        }
        List<Vendor> vendors = Stream.of(args).skip(2).map(Vendor::parse).toList();
        Manifest manifest = new AssetBuild(Path.of(args[0]), Path.of(args[1]), vendors).build();
        System.out.println("[assets] " + manifest.assets().size() + " assets hashed into " + args[1]);
    }

    Manifest build() throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IOException("no UI sources at " + source.toAbsolutePath());
        }
        Path assetsDir = target.resolve("assets");
        if (Files.isDirectory(target)) {
            try (Stream<Path> old = Files.walk(target)) { // stale hashed files must not survive a rebuild
                old.sorted((a, b) -> b.compareTo(a))
                        .filter(p -> !p.equals(target))
                        .forEach(AssetBuild::delete);
            }
        }
        Files.createDirectories(assetsDir);
        Map<String, String> hashed = new TreeMap<>();
        Map<String, String> texts = readAssets();
        for (String name : inDependencyOrder(texts)) {
            String content = rewriteImports(texts.get(name), hashed);
            String hashedName = hashedName(name, content.getBytes(StandardCharsets.UTF_8));
            writeWithVariants(assetsDir.resolve(hashedName), content.getBytes(StandardCharsets.UTF_8));
            hashed.put(name, hashedName);
        }
        String html = Files.readString(source.resolve("index.html"));
        writeWithVariants(
                target.resolve("index.html"), rewriteHtml(html, hashed).getBytes(StandardCharsets.UTF_8));
        Path worker = source.resolve(SERVICE_WORKER);
        if (Files.isRegularFile(worker)) {
            writeWithVariants(
                    target.resolve(SERVICE_WORKER),
                    serviceWorker(Files.readString(worker), hashed).getBytes(StandardCharsets.UTF_8));
        }
        Manifest manifest = new Manifest(hashed);
        Files.writeString(target.resolve("manifest.json"), manifest.toJson());
        return manifest;
    }

    private Map<String, String> readAssets() throws IOException {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("index.html") && !name.equals(SERVICE_WORKER) && Files.isRegularFile(file)) {
                    texts.put(name, Files.readString(file));
                }
            }
        }
        for (Vendor vendor : vendors) {
            if (texts.putIfAbsent(vendor.name(), vendor.read()) != null) {
                throw new IllegalStateException("vendor file " + vendor.name() + " has the name of a source file");
            }
        }
        return texts;
    }

    /** Depth-first: every module after the modules it imports. */
    static List<String> inDependencyOrder(Map<String, String> texts) {
        List<String> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String name : texts.keySet()) {
            visit(name, texts, done, new LinkedHashSet<>(), order);
        }
        return order;
    }

    private static void visit(
            String name, Map<String, String> texts, Set<String> done, Set<String> path, List<String> order) {
        if (done.contains(name)) {
            return;
        }
        if (!path.add(name)) {
            throw new IllegalStateException("import cycle: " + String.join(" -> ", path) + " -> " + name
                    + " (a content hash cannot name itself; break the cycle)");
        }
        String text = texts.get(name);
        if (text == null) {
            throw new IllegalStateException("imported module not found: " + name);
        }
        if (name.endsWith(".js")) {
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                visit(m.group(3), texts, done, path, order);
            }
        }
        path.remove(name);
        done.add(name);
        order.add(name);
    }

    static String rewriteImports(String text, Map<String, String> hashed) {
        return IMPORT.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(
                        m.group(1) + m.group(2) + "./" + hashed.getOrDefault(m.group(3), m.group(3)) + m.group(2)));
    }

    static String rewriteHtml(String html, Map<String, String> hashed) {
        return HTML_REF.matcher(html).replaceAll(m -> {
            String name = hashed.get(m.group(2));
            if (name == null) {
                throw new IllegalStateException("index.html refers to " + m.group(2) + ", which is not in the sources");
            }
            return Matcher.quoteReplacement(m.group(1) + "=\"/assets/" + name + "\"");
        });
    }

    /**
     * The worker with the app shell's URLs (the page and every hashed asset) and a version that changes
     * with any of them, so a new build installs a new worker, which drops the old caches.
     */
    static String serviceWorker(String text, Map<String, String> hashed) {
        if (!text.contains(SHELL_PLACEHOLDER) || !text.contains(VERSION_PLACEHOLDER)) {
            throw new IllegalStateException(
                    SERVICE_WORKER + " must contain " + SHELL_PLACEHOLDER + " and " + VERSION_PLACEHOLDER);
        }
        List<String> urls = new ArrayList<>(List.of("/"));
        hashed.values().forEach(name -> urls.add("/assets/" + name));
        String shell = urls.stream()
                .map(u -> "'" + u + "'")
                .reduce((a, b) -> a + ", " + b)
                .map(l -> "[" + l + "]")
                .orElseThrow();
        String version = sha256Hex(String.join("\n", urls).getBytes(StandardCharsets.UTF_8))
                .substring(0, HASH_HEX);
        return text.replace(SHELL_PLACEHOLDER, shell).replace(VERSION_PLACEHOLDER, "'" + version + "'");
    }

    static String hashedName(String name, byte[] content) {
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + "." + sha256Hex(content).substring(0, HASH_HEX) + name.substring(dot);
    }

    private void writeWithVariants(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        if (Compression.compressible(
                StaticAssets.contentTypeOf(file.getFileName().toString()))) {
            Files.write(Path.of(file + ".gz"), compression.gzip(content));
            if (Compression.brotliAvailable()) {
                Files.write(Path.of(file + ".br"), compression.brotli(content));
            }
        }
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Source name → hashed name, as written to {@code manifest.json} (and read back by {@link StaticAssets}). */
    public record Manifest(Map<String, String> assets) {
        public Manifest {
            assets = new LinkedHashMap<>(assets);
        }

        String toJson() {
            StringBuilder json = new StringBuilder("{\n  \"assets\": {");
            String separator = "\n";
            for (Map.Entry<String, String> e : assets.entrySet()) {
                json.append(separator)
                        .append("    \"")
                        .append(e.getKey())
                        .append("\": \"")
                        .append(e.getValue())
                        .append('"');
                separator = ",\n";
            }
            return json.append("\n  }\n}\n").toString();
        }
    }
}
