package io.headroom.explorer.web;

import io.helidon.http.Method;

/**
 * One route of the API as {@link Routes} registers it: the method and the path template exactly as
 * registered ({@code /api/v1/datasets/{id}}, {@code /api/v1/folders/{+rest}}, aliases under
 * {@code /api/...} included).
 */
public record DeclaredRoute(Method method, String path) {}
