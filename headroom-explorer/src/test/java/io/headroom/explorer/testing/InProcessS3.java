package io.headroom.explorer.testing;

import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server in this JVM: S3Proxy over jclouds' filesystem blob store in a directory
 * (docs/decisions/s3-test-server.md). It checks AWS signatures (v2 or v4) against one key pair, which the
 * service under test finds through the SDK's default chain (the {@code aws.accessKeyId} and {@code
 * aws.secretAccessKey} system properties, the chain's first source), as it would find real credentials.
 */
public final class InProcessS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "headroom-test-access";
    public static final String SECRET_KEY = "headroom-test-secret-key";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path directory;
    private final S3Client client;

    private InProcessS3(S3Proxy proxy, BlobStoreContext context, Path directory) {
        this.proxy = proxy;
        this.context = context;
        this.directory = directory;
        this.client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                // plain PUTs: no aws-chunked bodies with trailing checksums, which S3-compatible servers vary on
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Starts the server on a free port, storing its buckets under {@code directory}. */
    public static InProcessS3 start(Path directory) {
        return start(directory, 0);
    }

    /**
     * Starts the server on {@code port} (0: a free one), storing its buckets under {@code directory}: a
     * stopped server started again on its port and directory is the same S3, back from an outage.
     */
    public static InProcessS3 start(Path directory, int port) {
        Properties properties = new Properties();
        properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, directory.toString());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start("filesystem", properties, directory, port);
    }

    /**
     * A server keeping its objects in memory (jclouds' transient store), for benchmarks over many keys: the
     * filesystem store walks the whole bucket for each listing page. Fill it with {@link #putDirect}.
     */
    public static InProcessS3 startInMemory() {
        return start("transient", new Properties(), null, 0);
    }

    private static InProcessS3 start(String provider, Properties properties, Path directory, int port) {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        BlobStoreContext context =
                ContextBuilder.newBuilder(provider).overrides(properties).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        Await.until(() -> "STARTED".equals(proxy.getState()), Duration.ofSeconds(30), "S3Proxy started");
        return new InProcessS3(proxy, context, directory);
    }

    public int port() {
        return proxy.getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** An S3 client of its own, for writing objects the way a producer would (PUT). */
    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    /** Stores an object through the blob store itself, without an S3 request: thousands a second. */
    public void putDirect(String bucket, String key, byte[] content) {
        BlobStore store = context.getBlobStore();
        store.putBlob(bucket, store.blobBuilder(key).payload(content).build());
    }

    public void delete(String bucket, String key) {
        client.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /**
     * Where the filesystem blob store keeps a bucket's objects (one file per key): a test that needs
     * thousands of objects writes them there directly, seconds faster than as many PUTs; listings still
     * go through the S3 API.
     */
    public Path bucketDirectory(String bucket) {
        if (directory == null) {
            throw new IllegalStateException("An in-memory server has no bucket directory: use putDirect");
        }
        return directory.resolve(bucket);
    }

    /** The settings that point the service's S3 store at this server. */
    public Map<String, String> environment(String bucket, String prefix) {
        Map<String, String> env = new HashMap<>();
        env.put("S3_BUCKET", bucket);
        env.put("S3_PREFIX", prefix);
        env.put("S3_ENDPOINT", endpoint().toString());
        env.put("S3_REGION", REGION);
        return env;
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            context.close();
        }
    }
}
