package io.headroom.toolkit.alert;

public enum Severity {
    WARNING,
    CRITICAL
}
