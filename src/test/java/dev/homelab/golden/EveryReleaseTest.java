package dev.homelab.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.NixosReleases;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Severity;
import dev.homelab.diag.SpecException;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.NixModule;
import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each example on each channel homelab supports (its channel replaced through {@code --set}):
 * either it validates, and every option its output sets is in that release, or validation
 * refuses it only with the located HL0392 errors of what the release lacks. No spec that
 * validates emits an option its release does not have.
 */
class EveryReleaseTest {

  /** Every supported release's channel, and the unstable one. */
  static List<String> channels() {
    List<String> out = new ArrayList<>();
    NixosReleases.builtIn().releases().forEach(r -> out.add("nixos-" + r));
    out.add("nixos-unstable");
    return out;
  }

  /** Checks a spec on a channel: the refusals (HL0392 messages) when refused, else none. */
  static List<String> check(Path spec, String channel) {
    Pipeline.Checked checked;
    try {
      checked = new Pipeline(ServiceCatalog.builtIn()).check(List.of(spec), List.of("homelab.channel=" + channel));
    } catch (SpecException e) {
      List<String> refused = new ArrayList<>();
      for (Diagnostic d : e.diagnostics().sorted()) {
        if (d.severity() == Severity.ERROR) {
          assertThat(d.code()).as("%s on %s: %s", spec, channel, d.message()).isEqualTo("HL0392");
          assertThat(d.span().isKnown()).as("%s located", d.message()).isTrue();
          refused.add(d.message());
        }
      }
      assertThat(refused).as("%s on %s refused without an error", spec, channel).isNotEmpty();
      return refused;
    }
    List<String> lacking = new ArrayList<>();
    for (NixModule m : checked.plan().modules()) {
      for (OptionLeaf leaf : OptionLeaf.flatten(m.optionBindings())) {
        String why = NixosReleases.builtIn().notInRelease(leaf.path(), channel);
        if (why != null) {
          lacking.add(leaf.dotted() + ": " + why);
        }
      }
    }
    assertThat(lacking).as("%s validates on %s but sets options the release lacks", spec, channel).isEmpty();
    return List.of();
  }

  @TestFactory
  Stream<DynamicTest> everyExampleOnEverySupportedChannelValidatesCleanOrIsRefusedWhereTheReleaseFallsShort() {
    return Examples.all().stream().flatMap(spec -> channels().stream().map(channel ->
        DynamicTest.dynamicTest(Examples.name(spec) + " on " + channel, () -> check(spec, channel))));
  }

  @Test
  void theExamplesOwnChannelsAreClean() {
    for (Path spec : Examples.all()) {
      String channel = Examples.check(spec).spec().homelab().channel();
      assertThat(check(spec, channel)).as("%s on its own channel %s", spec, channel).isEmpty();
    }
  }

  @Test
  void whatEachReleaseRefusesOfTheExamples() {
    Map<String, List<String>> refused = new TreeMap<>();
    for (Path spec : Examples.all()) {
      for (String channel : channels()) {
        List<String> r = check(spec, channel);
        if (!r.isEmpty()) {
          refused.put(Examples.name(spec) + " on " + channel, r);
        }
      }
    }
    // qBittorrent and pgBackRest came with 25.11; Syncthing's GUI password file is certain from 26.05.
    assertThat(refused).containsOnlyKeys("forge on nixos-25.05", "qgroget-server on nixos-25.05", "three-tier on nixos-25.05",
        "three-tier on nixos-25.11", "qgroget-server on nixos-25.11");
    assertThat(refused.get("forge on nixos-25.05")).anySatisfy(m -> assertThat(m).startsWith(
        "`qbittorrent` on host `forge` needs the NixOS module `services.qbittorrent`, which NixOS added in 25.11"));
    assertThat(refused.get("forge on nixos-25.05")).anySatisfy(m -> assertThat(m).contains(
        "needs the NixOS module `services.pgbackrest`, which NixOS added in 25.11; the lab follows nixos-25.05"));
    assertThat(refused.get("three-tier on nixos-25.11")).allSatisfy(m -> assertThat(m).contains(
        "needs the option `services.syncthing.guiPasswordFile`, which NixOS added in 26.05"));
  }
}
