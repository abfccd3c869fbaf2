package io.headroom.load.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ties server routes ({@code GET /api/v1/datasets/{id}}) to client labels. A label named as the load tool names
 * requests by default ({@code METHOD path}, or the URL) matches a route when its method and path fit the template;
 * with a single label, every route is that label's. Labels named otherwise cannot be tied and are left out.
 */
public final class RouteLabels {

    private RouteLabels() {}

    public static List<String> labels(List<String> routes, List<RunEvidence.Label> labels) {
        if (labels.size() == 1) {
            return List.of(labels.getFirst().name());
        }
        List<String> out = new ArrayList<>();
        for (RunEvidence.Label l : labels) {
            if (routes.stream().anyMatch(r -> matches(r, l.name()))) {
                out.add(l.name());
            }
        }
        return List.copyOf(out);
    }

    static boolean matches(String route, String label) {
        int space = route.indexOf(' ');
        String method = space > 0 ? route.substring(0, space) : "";
        String template = space > 0 ? route.substring(space + 1) : route;
        String l = label.strip();
        int ls = l.indexOf(' ');
        if (ls > 0 && !method.isEmpty()) {
            if (!l.substring(0, ls).equalsIgnoreCase(method)) {
                return false;
            }
            l = l.substring(ls + 1);
        }
        String path = l.replaceFirst("^[a-z]+://[^/]+", "").replaceFirst("[?#].*$", "");
        String regex = "(.*)?" + Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "/?";
        return Pattern.matches(regex, path);
    }
}
