package dev.homelab.cli;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.dist.BuildInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the tool's version (from the pom), the size of the service catalog, where
 * the NixOS option catalog was read, and the Java runtime.
 */
public final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    BuildInfo info = BuildInfo.get();
    List<String> lines = new ArrayList<>();
    lines.add("homelab " + info.version());
    lines.addAll(info.describe(ServiceCatalog.builtIn().kinds().size()));
    lines.add("Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
        + System.getProperty("java.vm.name") + ")");
    // picocli reads each line as a format string.
    return lines.stream().map(l -> l.replace("%", "%%")).toArray(String[]::new);
  }
}
