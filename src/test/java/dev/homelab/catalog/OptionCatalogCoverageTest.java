package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.nix.NixData;
import dev.homelab.nix.NixValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the option catalog knows and how sure it is: the prefixes it knows whole
 * (complete.json) hold only options of the module files read whole, unknown names there are
 * errors, elsewhere they are left to Nix; options of module flakes name their flake.
 */
class OptionCatalogCoverageTest {

  private static final Path DIR = Path.of("src/main/nixos-options");
  static OptionCatalog catalog;
  static JsonNode options;
  static JsonNode complete;

  @BeforeAll
  static void load() throws IOException {
    catalog = OptionCatalog.load();
    ObjectMapper json = new ObjectMapper();
    options = json.readTree(DIR.resolve("options.json").toFile());
    complete = json.readTree(DIR.resolve("complete.json").toFile());
  }

  @Test
  void everyCompletePrefixHoldsOnlyOptionsOfItsFilesReadWholeAtOneRevision() {
    assertThat(complete.size()).isGreaterThanOrEqualTo(10);
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = complete.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String prefix = e.getKey();
      JsonNode entry = e.getValue();
      assertThat(entry.path("commit").asText()).as(prefix).matches("[0-9a-f]{40}");
      assertThat(entry.path("repo").asText()).as(prefix).isNotEmpty();
      Set<String> files = new TreeSet<>();
      entry.path("declarations").forEach(f -> files.add(f.asText()));
      assertThat(files).as(prefix).isNotEmpty();
      Set<String> declaring = new TreeSet<>();
      int under = 0;
      for (Iterator<Map.Entry<String, JsonNode>> o = options.fields(); o.hasNext(); ) {
        Map.Entry<String, JsonNode> option = o.next();
        if (!option.getKey().equals(prefix) && !option.getKey().startsWith(prefix + ".")) {
          continue;
        }
        under++;
        option.getValue().path("declarations").forEach(d -> {
          declaring.add(d.asText());
          if (!files.contains(d.asText())) {
            problems.add(option.getKey() + " is declared by " + d.asText() + ", not a file of " + prefix);
          }
        });
      }
      assertThat(under).as("options under " + prefix).isPositive();
      assertThat(declaring).as("files that declare options under " + prefix).isEqualTo(files);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theCatalogListsTheBootLoaderInitrdNetworkAndHardwareOptions() {
    for (String option : List.of("boot.loader.generic-extlinux-compatible.enable", "boot.loader.generic-extlinux-compatible.mirroredBoots",
        "boot.loader.systemd-boot.windows.<name>.efiDeviceHandle", "boot.loader.grub.ipxe", "boot.loader.efi.canTouchEfiVariables",
        "boot.initrd.network.enable", "boot.initrd.network.flushBeforeStage2", "boot.initrd.network.udhcpc.extraArgs",
        "boot.initrd.network.ssh.hostKeys", "boot.initrd.network.ssh.authorizedKeys", "boot.initrd.network.openvpn.configuration",
        "hardware.enableRedistributableFirmware", "hardware.cpu.intel.updateMicrocode", "hardware.cpu.intel.microcodePackage",
        "hardware.graphics.package", "hardware.bluetooth.settings", "powerManagement.powertop.enable",
        "powerManagement.scsiLinkPolicy", "programs.zsh.ohMyZsh.plugins")) {
      assertThat(options.has(option)).as(option).isTrue();
      assertThat(options.get(option).path("commit").asText()).as(option).matches("[0-9a-f]{40}");
    }
  }

  @Test
  void anUnknownNameIsAnErrorOnlyWhereTheCatalogKnowsEveryOption() {
    assertThat(verdict("programs.zsh.ohMyZsh.enabel", NixValue.Bool.class).kind()).isEqualTo(OptionCatalog.Verdict.Kind.ERROR);
    assertThat(verdict("boot.initrd.network.ssh.prot", NixValue.Int.class).hint()).isEqualTo("did you mean `boot.initrd.network.ssh.port`?");
    assertThat(verdict("services.immich.machineLearning.enable", NixValue.Bool.class).kind()).isEqualTo(OptionCatalog.Verdict.Kind.ERROR);
    // zsh.nix is read in part: programs.zsh has options of other modules the catalog lacks.
    OptionCatalog.Verdict partial = verdict("programs.zsh.autosuggestions.enable", NixValue.Bool.class);
    assertThat(partial.kind()).isEqualTo(OptionCatalog.Verdict.Kind.UNCHECKED);
    assertThat(partial.message()).isEqualTo("`programs.zsh.autosuggestions.enable` is not in the catalog; checked by Nix at build");
    // boot.loader is shared by loaders the catalog does not list (limine, refind).
    assertThat(verdict("boot.loader.limine.enable", NixValue.Bool.class).kind()).isEqualTo(OptionCatalog.Verdict.Kind.UNCHECKED);
    assertThat(verdict("boot.loader.systemd-boot.enable", NixValue.Bool.class).kind()).isEqualTo(OptionCatalog.Verdict.Kind.OK);
  }

  @Test
  void aKnownOptionWithAValueOfTheWrongTypeIsAnErrorEverywhere() {
    OptionCatalog.Verdict v = catalog.explain(NixData.path("boot.initrd.network.ssh.authorizedKeys"), new NixValue.Str("ssh-ed25519 AAAA"));
    assertThat(v.kind()).isEqualTo(OptionCatalog.Verdict.Kind.ERROR);
    assertThat(v.hint()).contains("takes a list");
    // programs.zsh is read in part, but enable is listed with its type.
    assertThat(catalog.explain(NixData.path("programs.zsh.enable"), new NixValue.Str("yes")).kind())
        .isEqualTo(OptionCatalog.Verdict.Kind.ERROR);
  }

  @Test
  void optionsOfModuleFlakesNameTheirFlake() {
    assertThat(catalog.flakeOf(NixData.path("home-manager.users.alice.home.stateVersion"))).isEqualTo("nix-community/home-manager");
    assertThat(catalog.flakeOf(NixData.path("sops.age.keyFile"))).isEqualTo("Mic92/sops-nix");
    assertThat(catalog.flakeOf(NixData.path("disko.devices.disk.a.type"))).isEqualTo("nix-community/disko");
    assertThat(catalog.flakeOf(NixData.path("environment.persistence.\"/persist\".directories")))
        .isEqualTo("nix-community/impermanence");
    assertThat(catalog.flakeOf(NixData.path("systemd.services.deluged.vpnConfinement.enable"))).isEqualTo("Maroka-chan/VPN-Confinement");
    assertThat(catalog.flakeOf(NixData.path("virtualisation.quadlet.containers.web.autoStart"))).isEqualTo("SEIAROTg/quadlet-nix");
    // nixpkgs' own, beside them.
    assertThat(catalog.flakeOf(NixData.path("systemd.services.deluged.serviceConfig.User"))).isNull();
    assertThat(catalog.flakeOf(NixData.path("environment.systemPackages"))).isNull();
    assertThat(catalog.flakeOf(NixData.path("services.immich.enable"))).isNull();
  }

  private static OptionCatalog.Verdict verdict(String dotted, Class<? extends NixValue> kind) {
    NixValue v = kind == NixValue.Bool.class ? new NixValue.Bool(true) : new NixValue.Int(22);
    return catalog.explain(NixData.path(dotted), v);
  }
}
