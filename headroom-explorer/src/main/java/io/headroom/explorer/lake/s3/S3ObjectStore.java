package io.headroom.explorer.lake.s3;

import io.headroom.explorer.lake.InvalidKeyException;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoreKeys;
import io.headroom.explorer.lake.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The lake in an S3 bucket (or an S3-compatible server), under an optional key prefix, through the AWS
 * SDK v2. One client for the service's life: the Apache HTTP client's pool is bounded
 * ({@code S3_MAX_CONNECTIONS}: a burst of downloads waits for a connection instead of opening hundreds),
 * connects and reads time out ({@code S3_CONNECT_TIMEOUT}, {@code S3_SOCKET_TIMEOUT}: a stalled server
 * frees the request's thread), and retries use the SDK's adaptive mode (backoff plus a client-side rate
 * limit once S3 throttles, so retries do not make a SlowDown worse).
 *
 * <p>Listing pages through {@code ListObjectsV2} with continuation tokens, lazily: a page of at most
 * 1,000 keys is in memory at a time, and no listing stops at the first page. Ranged reads are ranged
 * GETs (a Parquet footer costs its bytes, not the file). Keys follow {@link StoreKeys}: an object whose
 * name no key may carry (e.g. {@code a//b}, a folder marker {@code a/}) is not listed.
 */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3Settings settings;
    private final String bucket;
    private final String prefix;

    S3ObjectStore(S3Settings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.bucket = settings.bucket().orElseThrow(() -> new IllegalArgumentException("S3_BUCKET is not set"));
        this.prefix = settings.prefix();
        Region region = Region.of(settings.region());
        // Path-style (http://host/bucket/key) for S3-compatible servers, whose buckets are rarely DNS names.
        S3Configuration service = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.endpoint().isPresent())
                .build();
        S3ClientBuilder client = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(service)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(settings.maxConnections())
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.socketTimeout())
                        // waiting for a pooled connection is bounded too: a full pool is an error, not a hang
                        .connectionAcquisitionTimeout(settings.socketTimeout()));
        S3Presigner.Builder presign = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(service);
        settings.endpoint().ifPresent(endpoint -> {
            client.endpointOverride(endpoint);
            presign.endpointOverride(endpoint);
            // Checksum headers only where an operation requires them: the SDK otherwise adds
            // x-amz-checksum-crc32 even to GETs, and S3-compatible servers (S3Proxy) answer that 501.
            client.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            client.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        });
        this.s3 = client.build();
        this.presigner = presign.build();
    }

    /** The store of the settings, with credentials from the SDK's default chain. */
    public static S3ObjectStore open(S3Settings settings) {
        return new S3ObjectStore(settings, DefaultCredentialsProvider.builder().build());
    }

    /**
     * Pages through {@code ListObjectsV2}, one request per 1,000 keys, following each page's continuation
     * token until a page says it is the last; a page is fetched only when the stream needs it. The caller
     * closes the stream. A failing page surfaces as {@link UncheckedIOException}, like the local walk's.
     */
    @Override
    public Stream<StoredObject> list() {
        Spliterator<S3Object> objects =
                new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
                    private Iterator<S3Object> page = Collections.emptyIterator();
                    private String token; // null before the first page
                    private boolean last;

                    @Override
                    public boolean tryAdvance(Consumer<? super S3Object> action) {
                        while (!page.hasNext()) {
                            if (last) {
                                return false;
                            }
                            ListObjectsV2Response response = page(token);
                            page = response.contents().iterator();
                            token = response.nextContinuationToken();
                            last = !Boolean.TRUE.equals(response.isTruncated()) || token == null;
                        }
                        action.accept(page.next());
                        return true;
                    }
                };
        return StreamSupport.stream(objects, false).map(this::entry).flatMap(Optional::stream);
    }

    private ListObjectsV2Response page(String continuationToken) {
        ListObjectsV2Request.Builder request =
                ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
        if (continuationToken != null) {
            request.continuationToken(continuationToken);
        }
        try {
            return s3.listObjectsV2(request.build());
        } catch (SdkException e) {
            throw new UncheckedIOException(failure("list", prefix, e));
        }
    }

    /** A listing entry, unless the object is hidden, temporary, a folder marker or has an invalid key. */
    private Optional<StoredObject> entry(S3Object object) {
        String key = object.key().substring(prefix.length());
        try {
            StoreKeys.validate(key);
        } catch (InvalidKeyException e) {
            return Optional.empty();
        }
        if (StoreKeys.isIgnored(key)) {
            return Optional.empty();
        }
        return Optional.of(new StoredObject(key, object.size(), object.lastModified()));
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(objectKey));
            return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("stat", objectKey, e);
        } catch (SdkException e) {
            throw failure("stat", objectKey, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return get(key, GetObjectRequest.builder().bucket(bucket).key(objectKey(key)));
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, got " + offset + ", " + length);
        }
        String objectKey = objectKey(key);
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        try {
            return get(
                    key,
                    GetObjectRequest.builder()
                            .bucket(bucket)
                            .key(objectKey)
                            .range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (IOException e) {
            // 416: the range starts at or after the end; the local store reads nothing there too
            if (e.getCause() instanceof S3Exception s3e && s3e.statusCode() == 416) {
                return InputStream.nullInputStream();
            }
            throw e;
        }
    }

    private InputStream get(String key, GetObjectRequest.Builder request) throws IOException {
        try {
            return s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(describe() + key, null, "no such object");
        } catch (SdkException e) {
            throw failure("read", request.build().key(), e);
        }
    }

    /**
     * An S3 error below 500 (403 access denied, 400 a bad request) is S3 refusing this request, not S3 failing:
     * it does not open the breaker. Connection failures, timeouts and 5xx (503 SlowDown included) do.
     */
    @Override
    public boolean isOutage(IOException failure) {
        return ObjectStore.super.isOutage(failure)
                && !(failure.getCause() instanceof S3Exception refused && refused.statusCode() < 500);
    }

    /**
     * A presigned GET for full downloads larger than {@code S3_PRESIGN_ABOVE_BYTES}, valid for {@code
     * S3_PRESIGN_TTL}: the bytes then flow from S3 to the client, not through this service. The URL
     * carries the download's file name ({@code response-content-disposition}), so the browser saves it
     * under the same name as a streamed download.
     */
    @Override
    public Optional<URI> directDownload(StoredObject object, String fileName) {
        if (object.sizeBytes() <= settings.presignAboveBytes()) {
            return Optional.empty();
        }
        String disposition = "attachment; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        GetObjectRequest get = GetObjectRequest.builder()
                .bucket(bucket)
                .key(objectKey(object.key()))
                .responseContentDisposition(disposition)
                .build();
        try {
            return Optional.of(presigner
                    .presignGetObject(
                            p -> p.signatureDuration(settings.presignTtl()).getObjectRequest(get))
                    .url()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK presigned an invalid URL", e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix
                + settings.endpoint().map(e -> " at " + e).orElse("");
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private String objectKey(String key) {
        return prefix + StoreKeys.validate(key);
    }

    private IOException failure(String action, String objectKey, SdkException e) {
        return new IOException("Cannot " + action + " s3://" + bucket + "/" + objectKey + ": " + e.getMessage(), e);
    }
}
