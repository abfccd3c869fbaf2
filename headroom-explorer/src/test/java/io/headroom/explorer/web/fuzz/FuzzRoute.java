package io.headroom.explorer.web.fuzz;

import io.headroom.explorer.web.Routes;
import java.util.List;

/** One declared route of the service: method and parsed path template. */
record FuzzRoute(String method, RouteTemplate template) {

    /** Every route of the service's routing table, in declaration order. */
    static List<FuzzRoute> of(Routes routes) {
        return routes.declared().stream()
                .map(route -> new FuzzRoute(route.method().text(), RouteTemplate.parse(route.path())))
                .toList();
    }

    String path() {
        return template.path();
    }

    boolean isAdmin() {
        return path().contains("/admin/");
    }

    @Override
    public String toString() {
        return method + " " + path();
    }
}
