package io.headroom.explorer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users, login tokens, API keys and the audit log over the real service, once per database (H2 and
 * PostgreSQL subclasses). Each test makes its own users (unique names), so they share one service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsersApiContract {
    @TempDir
    static Path tempDir;

    private ServiceUnderTest service;
    private ApiClient api;
    private String admin;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeAll
    void start() {
        service = ServiceUnderTest.overCatalog(openDatabase(tempDir), tempDir, CatalogFixture.datasets(20));
        api = service.client();
        admin = api.login("admin", ServiceUnderTest.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private JsonNode createUser(String name, String role, String folders) {
        ApiClient.Response created = api.json(
                "POST",
                "/api/v1/admin/users",
                admin,
                "{\"username\":\"" + name + "\",\"password\":\"password-of-" + name + "\",\"role\":\"" + role
                        + "\",\"folders\":" + folders + "}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/admin/users/" + created.json().path("id").asLong());
        return created.json();
    }

    @Test
    void loginAnswersASignedTokenWithAKidValidFor24Hours() throws Exception {
        ApiClient.Response login = api.json(
                "POST",
                "/api/v1/auth/login",
                null,
                "{\"username\":\"admin\",\"password\":\"" + ServiceUnderTest.ADMIN_PASSWORD + "\"}");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Cache-Control")).isEqualTo("private, no-store");
        SignedJWT jwt = SignedJWT.parse(login.json().path("token").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(kid(ServiceUnderTest.JWT_SECRET));
        Instant expires = Instant.parse(login.json().path("expiresAt").asText());
        assertThat(expires)
                .isBetween(
                        Instant.now().plusSeconds(24 * 3600 - 60), Instant.now().plusSeconds(24 * 3600 + 1));
        assertThat(login.json().path("user").path("role").asText()).isEqualTo("admin");
        assertThat(login.raw().body()).doesNotContain("password");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401AndAreAudited() {
        ApiClient.Response wrong = api.json(
                "POST", "/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"not-the-password\"}");
        ApiClient.Response unknown = api.json(
                "POST", "/api/v1/auth/login", null, "{\"username\":\"nobody-here\",\"password\":\"not-the-password\"}");
        for (ApiClient.Response response : List.of(wrong, unknown)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.json().path("detail").asText())
                    .isEqualTo(wrong.json().path("detail").asText());
        }
        JsonNode audit = api.get("/api/v1/admin/audit?action=login&user=nobody-here", admin)
                .json();
        assertThat(audit.path("items")).hasSize(1);
        assertThat(audit.path("items").get(0).path("outcome").asText()).isEqualTo("denied");
        assertThat(audit.path("items").get(0).path("ip").asText()).isEqualTo("127.0.0.1");
        String all = api.get("/api/v1/admin/audit?limit=500", admin).raw().body();
        assertThat(all)
                .doesNotContain("not-the-password")
                .doesNotContain(ServiceUnderTest.ADMIN_PASSWORD)
                .doesNotContain(admin);
    }

    @Test
    void everyBrokenTokenIsA401WithAChallengeOnCatalogAndAdminRoutes() throws Exception {
        String[] parts = admin.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.replace("\"sub\":\"1\"", "\"sub\":\"2\"")
                                .getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String none = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String otherKey = forge(
                "another-secret-of-at-least-thirty-two-bytes!", Instant.now().plusSeconds(3600), true);
        String sameKidWrongKey = forge(
                "another-secret-of-at-least-thirty-two-bytes!", Instant.now().plusSeconds(3600), false);
        String expired = forge(ServiceUnderTest.JWT_SECRET, Instant.now().minusSeconds(3600), true);
        String apiKeyShaped = "hr_1_" + "A".repeat(43);
        for (String token :
                List.of("garbage", tampered, none, otherKey, sameKidWrongKey, expired, apiKeyShaped, admin + "x")) {
            for (String path : List.of("/api/v1/stats", "/api/v1/datasets?limit=1", "/api/v1/admin/users")) {
                ApiClient.Response response = api.get(path, token);
                assertThat(response.status()).as(path + " with " + token).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).as(path).contains("invalid_token");
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
        assertThat(api.get("/api/v1/stats", admin).status())
                .as("the untouched token")
                .isEqualTo(200);
        String forgedRight = forge(ServiceUnderTest.JWT_SECRET, Instant.now().plusSeconds(3600), true);
        assertThat(api.get("/api/v1/admin/users", forgedRight).status())
                .as("the same forgery with the right key")
                .isEqualTo(200);
    }

    @Test
    void adminsCreateChangeDisableAndDeleteUsers() {
        JsonNode user = createUser("carol", "user", "[\"health\"]");
        long id = user.path("id").asLong();
        assertThat(user.path("folders")).extracting(JsonNode::asText).containsExactly("health");
        assertThat(user.toString()).doesNotContain("password");
        assertThat(api.json(
                                "POST",
                                "/api/v1/admin/users",
                                admin,
                                "{\"username\":\"carol\",\"password\":\"password-x\"}")
                        .status())
                .as("name taken")
                .isEqualTo(409);
        String carol = api.login("carol", "password-of-carol");
        assertThat(api.get("/api/v1/admin/users", carol).status())
                .as("no admin role")
                .isEqualTo(403);

        ApiClient.Response patched = api.json(
                "PATCH", "/api/v1/admin/users/" + id, admin, "{\"role\":\"admin\",\"folders\":[\"transport\"]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().path("role").asText()).isEqualTo("admin");
        assertThat(api.get("/api/v1/admin/users", carol).status())
                .as("now an admin")
                .isEqualTo(200);

        assertThat(api.json("PATCH", "/api/v1/admin/users/" + id, admin, "{\"enabled\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/stats", carol).status())
                .as("a disabled user's token")
                .isEqualTo(401);
        assertThat(api.json(
                                "POST",
                                "/api/v1/auth/login",
                                null,
                                "{\"username\":\"carol\",\"password\":\"password-of-carol\"}")
                        .status())
                .isEqualTo(401);

        assertThat(api.delete("/api/v1/admin/users/" + id, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/admin/users/" + id, admin).status()).isEqualTo(404);
        JsonNode audit =
                api.get("/api/v1/admin/audit?user=admin&limit=500", admin).json();
        assertThat(audit.path("items").findValuesAsText("action"))
                .contains("user.create", "user.update", "user.delete");
        assertThat(audit.path("items").findValuesAsText("target")).contains("user carol");
    }

    @Test
    void theLastEnabledAdminCanBeNeitherDemotedDisabledNorDeleted() {
        long adminId = api.get("/api/v1/admin/users?limit=500", admin)
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asLong();
        assertThat(
                        api
                                .get("/api/v1/admin/users?limit=500", admin)
                                .json()
                                .path("items")
                                .findValuesAsText("role")
                                .stream()
                                .filter("admin"::equals)
                                .count())
                .isEqualTo(1);
        assertThat(api.json("PATCH", "/api/v1/admin/users/" + adminId, admin, "{\"role\":\"user\"}")
                        .status())
                .isEqualTo(409);
        assertThat(api.json("PATCH", "/api/v1/admin/users/" + adminId, admin, "{\"enabled\":false}")
                        .status())
                .isEqualTo(409);
        assertThat(api.delete("/api/v1/admin/users/" + adminId, admin).status()).isEqualTo(409);
    }

    @Test
    void badUserInputIsA4xxNamingTheField() {
        record Case(String body, String field) {}
        for (Case c : List.of(
                new Case("{\"username\":\"bad\\u0007name\",\"password\":\"long-enough\"}", "username"),
                new Case("{\"username\":\"has space\",\"password\":\"long-enough\"}", "username"),
                new Case("{\"username\":\"" + "x".repeat(65) + "\",\"password\":\"long-enough\"}", "username"),
                new Case("{\"username\":\"dave\",\"password\":\"short\"}", "password"),
                new Case("{\"username\":\"dave\",\"password\":\"" + "p".repeat(73) + "\"}", "password"),
                new Case("{\"username\":\"dave\",\"password\":\"long-enough\",\"role\":\"root\"}", "role"),
                new Case(
                        "{\"username\":\"dave\",\"password\":\"long-enough\",\"folders\":[\"no/such/folder\"]}",
                        "folders"),
                new Case("{\"username\":\"dave\",\"password\":\"long-enough\",\"pasword\":\"x\"}", "pasword"))) {
            ApiClient.Response response = api.json("POST", "/api/v1/admin/users", admin, c.body());
            assertThat(response.status()).as(c.body()).isEqualTo(400);
            assertThat(response.json().path("errors").get(0).path("name").asText())
                    .as(c.body())
                    .isEqualTo(c.field());
        }
        ApiClient.Response notJson = api.json("POST", "/api/v1/auth/login", null, "{\"username\":");
        assertThat(notJson.status()).isEqualTo(400);
        ApiClient.Response huge = api.json(
                "POST",
                "/api/v1/auth/login",
                null,
                "{\"username\":\"admin\",\"password\":\"" + "x".repeat(100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.contentType()).startsWith("application/problem+json");
        ApiClient.Response form = api.post("/api/v1/auth/login", null);
        assertThat(form.status()).isEqualTo(415);
        ApiClient.Response control = api.json(
                "POST", "/api/v1/auth/login", null, "{\"username\":\"ad\\u0000min\",\"password\":\"whatever1\"}");
        assertThat(control.status()).isEqualTo(400);
    }

    @Test
    void usersChangeTheirOwnPasswordAndEarlierTokensStopWorking() {
        createUser("erin", "user", "[]");
        String before = api.login("erin", "password-of-erin");
        ApiClient.Response wrongCurrent = api.json(
                "POST",
                "/api/v1/auth/password",
                before,
                "{\"currentPassword\":\"nope-nope\",\"newPassword\":\"a-new-password\"}");
        assertThat(wrongCurrent.status()).isEqualTo(403);
        ApiClient.Response changed = api.json(
                "POST",
                "/api/v1/auth/password",
                before,
                "{\"currentPassword\":\"password-of-erin\",\"newPassword\":\"a-new-password\"}");
        assertThat(changed.status()).isEqualTo(200);
        String fresh = changed.json().path("token").asText();
        assertThat(api.get("/api/v1/stats", before).status())
                .as("the token from before the change")
                .isEqualTo(401);
        assertThat(api.get("/api/v1/stats", fresh).status()).isEqualTo(200);
        assertThat(api.login("erin", "a-new-password")).isNotBlank();
        assertThat(api.json("POST", "/api/v1/auth/password", null, "{\"currentPassword\":\"a\",\"newPassword\":\"b\"}")
                        .status())
                .as("anonymous")
                .isEqualTo(401);
    }

    @Test
    void apiKeysAreShownOnceStoredHashedScopedAndRevocable() {
        long userId = createUser("frank", "user", "[\"health\"]").path("id").asLong();
        ApiClient.Response created = api.json(
                "POST",
                "/api/v1/admin/users/" + userId + "/api-keys",
                admin,
                "{\"name\":\"nightly export\",\"scope\":\"read\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().path("key").asText();
        assertThat(key).startsWith("hr_");
        assertThat(api.get("/api/v1/admin/users/" + userId + "/api-keys", admin)
                        .raw()
                        .body())
                .doesNotContain(key.substring(key.lastIndexOf('_') + 1));
        ApiClient.Response folders = api.get("/api/v1/folders", key);
        assertThat(folders.status()).as(folders.raw().body()).isEqualTo(200);
        assertThat(folders.json().findValuesAsText("name"))
                .as("public mode: every folder, none is private")
                .containsExactlyElementsOf(CatalogFixture.FOLDERS);
        assertThat(api.get("/api/v1/admin/users", key).status())
                .as("a read key on an admin route")
                .isEqualTo(403);
        assertThat(api.json(
                                "POST",
                                "/api/v1/admin/users/" + userId + "/api-keys",
                                admin,
                                "{\"name\":\"x\",\"scope\":\"admin\"}")
                        .status())
                .as("admin scope for a non-admin")
                .isEqualTo(400);

        long adminId = 1;
        String adminKey = api.json(
                        "POST",
                        "/api/v1/admin/users/" + adminId + "/api-keys",
                        admin,
                        "{\"name\":\"ops\",\"scope\":\"admin\"}")
                .json()
                .path("key")
                .asText();
        assertThat(api.get("/api/v1/admin/users", adminKey).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/admin/users", ServiceUnderTest.ADMIN_TOKEN).status())
                .as("HEADROOM_ADMIN_TOKEN")
                .isEqualTo(200);

        long keyId = created.json().path("id").asLong();
        assertThat(api.delete("/api/v1/admin/users/" + userId + "/api-keys/" + keyId, admin)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/folders", key).status()).as("a revoked key").isEqualTo(401);
    }

    @Test
    void inPublicModeAPrivateFolderIsHiddenFromAnonymousCallersAndShownToItsGrantees() {
        long roadsId = api.get("/api/v1/datasets?folder=transport/roads&limit=1", admin)
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asLong();
        createUser("gina", "user", "[\"transport\"]");
        createUser("hank", "user", "[]");
        String gina = api.login("gina", "password-of-gina");
        String hank = api.login("hank", "password-of-hank");
        assertThat(api.get("/api/v1/datasets/" + roadsId).status())
                .as("public before")
                .isEqualTo(200);
        assertThat(api.json("PUT", "/api/v1/admin/folders/private", admin, "{\"folders\":[\"no-such\"]}")
                        .status())
                .isEqualTo(400);
        try {
            ApiClient.Response marked =
                    api.json("PUT", "/api/v1/admin/folders/private", admin, "{\"folders\":[\"transport\"]}");
            assertThat(marked.status()).isEqualTo(200);
            assertThat(api.get("/api/v1/datasets/" + roadsId).status())
                    .as("anonymous, after")
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/datasets/" + roadsId, hank).status())
                    .as("a user without the grant")
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/datasets/" + roadsId, gina).status())
                    .as("the grantee")
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/folders").json().findValuesAsText("name"))
                    .doesNotContain("transport/roads")
                    .contains("health");
            assertThat(api.get("/api/v1/folders", gina).json().findValuesAsText("name"))
                    .contains("transport/roads", "health");
            assertThat(api.get("/api/v1/folders").header("Cache-Control"))
                    .as("anonymous answers stay public")
                    .startsWith("public");
            assertThat(api.get("/api/v1/folders", gina).header("Cache-Control")).startsWith("private");
            assertThat(api.get("/api/v1/admin/folders/private", admin)
                            .json()
                            .path("folders")
                            .get(0)
                            .asText())
                    .isEqualTo("transport");
        } finally {
            assertThat(api.json("PUT", "/api/v1/admin/folders/private", admin, "{\"folders\":[]}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(api.get("/api/v1/datasets/" + roadsId).status())
                .as("public again")
                .isEqualTo(200);
    }

    private static String kid(String secret) {
        return SigningKeys.of(Optional.of(secret), List.of()).current().kid();
    }

    /**
     * A token for user 1 (the admin) signed with {@code secret}, under its own kid or under the service's;
     * its other claims are the real admin token's, so only the key or the expiry can make it fail.
     */
    private String forge(String secret, Instant expires, boolean ownKid) throws Exception {
        long passwordSetAt = SignedJWT.parse(admin).getJWTClaimsSet().getLongClaim("pwd_at");
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("headroom")
                .subject("1")
                .claim("name", "admin")
                .claim("pwd_at", passwordSetAt)
                .issueTime(Date.from(expires.minusSeconds(7200)))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(ownKid ? kid(secret) : kid(ServiceUnderTest.JWT_SECRET))
                        .build(),
                claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
