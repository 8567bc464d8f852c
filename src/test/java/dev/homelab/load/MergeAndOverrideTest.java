package dev.homelab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.SpecException;
import dev.homelab.model.Exposure;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several {@code -f} files merge in order; {@code --set} overrides one value after that. */
class MergeAndOverrideTest {

  @TempDir
  Path dir;

  private Spec check(List<Path> files, List<String> sets) throws SpecException {
    return new Pipeline(ServiceCatalog.builtIn()).check(files, sets).spec();
  }

  private List<Diagnostic> refused(List<Path> files, List<String> sets) {
    Throwable t = catchThrowable(() -> check(files, sets));
    assertThat(t).isInstanceOf(SpecException.class);
    return ((SpecException) t).diagnostics().sorted();
  }

  @Test
  void laterFileWinsForScalarsMergesMapsAndReplacesLists() throws SpecException {
    Path base = Specs.write(dir, "base.yaml", Specs.MINIMAL);
    Path overlay = Specs.write(dir, "overlay.yaml", """
        homelab:
          name: lab2
        hosts:
          nuc:
            network:
              lan: { interfaces: [eno1] }
            services:
              immich: { port: 2290 }
              jellyfin: { tier: critical }
        """);
    Spec spec = check(List.of(base, overlay), List.of());
    assertThat(spec.homelab().name()).isEqualTo("lab2");
    assertThat(spec.homelab().domain()).isEqualTo("example.org");
    assertThat(spec.homelab().timezone()).isEqualTo("Europe/Berlin");
    Host nuc = spec.hosts().get("nuc");
    assertThat(nuc.stateVersion()).isEqualTo("25.05");
    assertThat(nuc.network().lan().interfaces()).containsExactly("eno1");
    assertThat(nuc.network().lan().ranges()).containsExactly("192.168.1.0/24");
    assertThat(nuc.services()).containsOnlyKeys("vaultwarden", "immich", "jellyfin");
    assertThat(nuc.services().get("immich").port()).isEqualTo(2290);
    assertThat(nuc.services().get("immich").tier()).isEqualTo("critical");
    assertThat(nuc.services().get("vaultwarden").dataset()).isEqualTo("tank/vaultwarden");
  }

  @Test
  void laterFileCanShortenAList() throws SpecException {
    Path base = Specs.write(dir, "base.yaml", Specs.MINIMAL.replace("ranges: [192.168.1.0/24]", "ranges: [192.168.1.0/24, 10.0.0.0/8]"));
    Path overlay = Specs.write(dir, "overlay.yaml", "hosts:\n  nuc:\n    network:\n      lan:\n        ranges: [10.0.0.0/8]\n");
    Spec spec = check(List.of(base, overlay), List.of());
    assertThat(spec.hosts().get("nuc").network().lan().ranges()).containsExactly("10.0.0.0/8");
  }

  @Test
  void findingsInLaterFileNameThatFile() {
    Path base = Specs.write(dir, "base.yaml", Specs.MINIMAL);
    Path overlay = Specs.write(dir, "overlay.yaml", """
        hosts:
          nuc:
            services:
              immich: { port: 8000 }
        """);
    List<Diagnostic> all = refused(List.of(base, overlay), List.of());
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0301");
    // `      immich: { port: 8000 }`: the port is at column 23 of line 4 of the overlay.
    assertThat(all.get(0).span()).hasToString(overlay + ":4:23");
    assertThat(all.get(0).message()).contains(base + ":25:7");
  }

  @Test
  void twoFilesMergeOnTheCommandLine() {
    Path base = Specs.write(dir, "base.yaml", Specs.MINIMAL);
    Path overlay = Specs.write(dir, "overlay.yaml", "hosts:\n  nuc:\n    services:\n      jellyfin: { tier: critical }\n");
    Cli.Run run = Cli.run("validate", "-f", base.toString(), "-f", overlay.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(0);
    assertThat(run.out()).contains("3 service(s)");
  }

  @Test
  void setOverridesOneValue() throws SpecException {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    Spec spec = check(List.of(file), List.of("hosts.nuc.services.immich.port=2284"));
    assertThat(spec.hosts().get("nuc").services().get("immich").port()).isEqualTo(2284);
    assertThat(spec.hosts().get("nuc").services().get("immich").tier()).isEqualTo("critical");
  }

  @Test
  void setValueIsReadAsYaml() throws SpecException {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    Spec spec = check(List.of(file), List.of("hosts.nuc.services.immich.expose=[lan, tailscale]", "homelab.name=lab3"));
    assertThat(spec.hosts().get("nuc").services().get("immich").expose()).containsExactly(Exposure.LAN, Exposure.TAILSCALE);
    assertThat(spec.homelab().name()).isEqualTo("lab3");
  }

  @Test
  void setOnTheCommandLine() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    Cli.Run run = Cli.run("validate", "-f", file.toString(), "--set", "hosts.nuc.services.immich.port=2284");
    assertThat(run.exit()).as(run.all()).isEqualTo(0);
  }

  @Test
  void findingInSetValueIsLocatedInTheSet() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    List<Diagnostic> all = refused(List.of(file), List.of("homelab.name=lab", "hosts.nuc.services.immich.port=8000"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0301");
    // `hosts.nuc.services.immich.port=` is 31 characters; the value starts at column 32.
    assertThat(all.get(0).span()).hasToString("--set#2:1:32");
    Cli.Run run = Cli.run("validate", "-f", file.toString(), "--set", "hosts.nuc.services.immich.port=8000");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.all()).contains("--set#1:1:32").contains(file + ":25:7").doesNotContain("Exception");
  }

  @Test
  void setWithoutEqualsIsHl0108() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    List<Diagnostic> all = refused(List.of(file), List.of("hosts.nuc.services.immich.port"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0108");
    assertThat(all.get(0).span()).hasToString("--set#1:1:1");
    Cli.Run run = Cli.run("validate", "-f", file.toString(), "--set", "hosts.nuc.services.immich.port");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.all()).contains("error[HL0108]").contains("--set#1:1:1")
        .doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void invalidYamlInSetValueIsLocatedInTheWholeAssignment() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    List<Diagnostic> all = refused(List.of(file), List.of("homelab.name=[unclosed"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0101");
    // `homelab.name=[unclosed` is 22 characters; the stream ends at column 23.
    assertThat(all.get(0).span()).hasToString("--set#1:1:23");
  }

  @Test
  void anchorInSetValueIsLocatedAfterTheEquals() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    List<Diagnostic> all = refused(List.of(file), List.of("homelab.name=&x lab"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0106");
    assertThat(all.get(0).span()).hasToString("--set#1:1:14");
  }

  @Test
  void duplicateKeyInSetValueNamesBothPlacesInTheAssignment() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    List<Diagnostic> all = refused(List.of(file), List.of("homelab={name: a, name: b}"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0102");
    assertThat(all.get(0).span()).hasToString("--set#1:1:19");
    assertThat(all.get(0).message()).contains("first at --set#1:1:10");
  }

  @Test
  void setWithEmptyKeyIsHl0108() {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    List<Diagnostic> all = refused(List.of(file), List.of("hosts..nuc=1"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0108");
  }

  @Test
  void aQuotedSetKeyIsOneKeyWithDots() throws SpecException {
    Path file = Specs.write(dir, "spec.yaml", Specs.MINIMAL);
    Spec spec = check(List.of(file), List.of("hosts.nuc.nixos.\"services.smartd.enable\"=true"));
    assertThat(spec.hosts().get("nuc").nixos()).containsOnlyKeys("services.smartd.enable");
    assertThat(refused(List.of(file), List.of("hosts.nuc.nixos.\"services.smartd.enable=true")))
        .singleElement().satisfies(d -> {
          assertThat(d.code()).isEqualTo("HL0108");
          assertThat(d.message()).contains("unterminated quote");
        });
  }
  @Test
  void anOptionDottedInOneFileAndNestedInAnotherIsRefusedWhereItIsWrittenAgain() {
    Path base = Specs.write(dir, "base.yaml", Specs.MINIMAL);
    Path dotted = Specs.write(dir, "dotted.yaml", "hosts:\n  nuc:\n    nixos:\n      services.smartd.enable: true\n");
    Path nested = Specs.write(dir, "nested.yaml", "hosts:\n  nuc:\n    nixos:\n      services:\n        smartd:\n          enable: false\n");
    String[] files = {"-f", base.toString(), "-f", dotted.toString(), "-f", nested.toString()};
    for (Cli.Run run : List.of(Cli.run(concat("validate", files)), Cli.run(concat("gen", files, "-o", dir.resolve("out").toString())))) {
      assertThat(run.exit()).as(run.all()).isEqualTo(1);
      assertThat(run.all()).contains("[HL0390]", "`services.smartd.enable` is set twice", nested + ":4:7");
    }
    Cli.Run set = Cli.run("validate", "-f", base.toString(), "-f", dotted.toString(),
        "--set", "hosts.nuc.nixos.services.smartd.enable=false");
    assertThat(set.exit()).as(set.all()).isEqualTo(1);
    assertThat(set.all()).contains("[HL0390]", "--set#1:1:1");
  }

  private static String[] concat(String command, String[] files, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(command));
    all.addAll(List.of(files));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
