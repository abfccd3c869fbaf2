package io.headroom.cli;

import io.headroom.explorer.ExplorerServer;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"headroom " + ExplorerServer.version()};
    }
}
