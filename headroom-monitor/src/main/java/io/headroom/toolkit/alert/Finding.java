package io.headroom.toolkit.alert;

/** A rule's verdict that something is wrong now. {@code key} identifies the alert (rule + subject). */
public record Finding(String key, String rule, Severity severity, double value, double threshold, String message) {}
