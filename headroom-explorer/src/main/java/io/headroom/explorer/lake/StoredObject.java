package io.headroom.explorer.lake;

import java.time.Instant;

/** One object in the store, as a listing reports it. {@code key} uses '/' separators, never a leading one. */
public record StoredObject(String key, long sizeBytes, Instant lastModified) {}
