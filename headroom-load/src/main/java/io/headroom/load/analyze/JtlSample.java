package io.headroom.load.analyze;

/**
 * One row of a JTL, reduced to what the statistics need.
 *
 * @param timeStamp epoch milliseconds at which the sample started (JMeter's shipped
 *                  {@code jmeter.properties} sets {@code sampleresult.timestamp.start=true})
 * @param elapsed response time in milliseconds
 * @param responseMessage used only to recognise transaction-controller rows
 * @param serverAppMs the service's own time from its {@code Server-Timing} (the JTL's {@code serverAppMs}), NaN when none
 * @param serverDbMs its database time ({@code serverDbMs}), NaN when none
 */
public record JtlSample(
        long timeStamp,
        long elapsed,
        String label,
        String responseCode,
        boolean success,
        long bytes,
        long sentBytes,
        String responseMessage,
        double serverAppMs,
        double serverDbMs) {

    private static final String CONTROLLER_PREFIX = "Number of samples in transaction";
    private static final String EMPTY_CONTROLLER_PREFIX = "Number of samples in transaction : 0";

    /** The service said how long it took (both Server-Timing figures present). */
    public boolean serverTimed() {
        return !Double.isNaN(serverAppMs) && !Double.isNaN(serverDbMs);
    }

    public long startTime() {
        return timeStamp;
    }

    public long endTime() {
        return timeStamp + elapsed;
    }

    /** JMeter's error type: {@code responseCode/responseMessage}, e.g. {@code 400/Bad Request}. */
    public String errorType() {
        String code = responseCode == null || responseCode.isEmpty() ? "?" : responseCode;
        return responseMessage == null || responseMessage.isEmpty() ? code : code + "/" + responseMessage;
    }

    /** A transaction controller's parent row: counted under its label, excluded from Total (as JMeter does). */
    public boolean isController() {
        return responseMessage != null && responseMessage.startsWith(CONTROLLER_PREFIX);
    }

    /** A transaction controller that wrapped no samples: JMeter ignores it entirely. */
    public boolean isEmptyController() {
        return responseMessage != null && responseMessage.startsWith(EMPTY_CONTROLLER_PREFIX);
    }
}
