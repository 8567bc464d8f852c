package dev.homelab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.plan.storage.DatasetLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an ephemeral root keeps, read from a generated impermanence.nix, and its initrd as Nix evaluates it. */
public final class EphemeralRoots {

  private EphemeralRoots() {}

  /** The directories {@code environment.persistence} keeps, in order. */
  public static List<String> persisted(String impermanenceNix) {
    Matcher block = Pattern.compile("\n    directories = \\[\n(.*?)\n    \\];", Pattern.DOTALL).matcher(impermanenceNix);
    assertThat(block.find()).as("directories of environment.persistence").isTrue();
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("^\\s+(?:directory = )?\"(/[^\"]*)\";?$", Pattern.MULTILINE).matcher(block.group(1));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * The data directories of the host's deployed services that lie on no dataset of its pools:
   * the state the ephemeral root must keep.
   */
  public static List<String> stateOffTheDatasets(Spec spec, String hostName) {
    Host host = spec.hosts().get(hostName);
    List<EffectiveService> services = Effective.deployed(spec, hostName, host, ServiceCatalog.builtIn());
    DatasetLayout layout = DatasetLayout.of(spec, host, services);
    List<String> out = new ArrayList<>();
    for (EffectiveService s : services) {
      String dir = layout.dataDir(s);
      if (dir != null && !layout.isOnDataset(dir)) {
        out.add(dir);
      }
    }
    return out;
  }

  /**
   * {@code boot.initrd} of an impermanence.nix, evaluated with the initrd running systemd or
   * not; {@code lib.mkAfter v} evaluates to {@code { after = v; }} so its use shows.
   */
  public static JsonNode initrd(Path dir, Path impermanenceNix, boolean systemd) throws IOException {
    NixTool.require();
    Path f = dir.resolve("initrd.nix");
    Files.writeString(f, "(import " + impermanenceNix + " { config.boot.initrd.systemd.enable = " + systemd + ";"
        + " lib = { mkIf = c: v: if c then v else null; mkAfter = v: { after = v; }; }; }).boot.initrd\n");
    NixTool.Result r = NixTool.evalJson(f);
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }
}
