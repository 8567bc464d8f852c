package dev.homelab.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.OptionCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Plan;
import dev.homelab.testing.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every option path the output sets exists in the vendored option catalog of the tree its
 * file is evaluated in (NixOS, nix-darwin, home-manager), with a value its type accepts.
 * Templates only format the plan, so the plan's modules are what is set.
 */
class EveryOptionIsInTheOptionCatalogTest {

  static OptionCatalog catalog;
  static final java.util.Map<OptionCatalog.Tree, OptionCatalog> catalogs = new java.util.EnumMap<>(OptionCatalog.Tree.class);

  @BeforeAll
  static void load() {
    catalog = OptionCatalog.load();
    for (OptionCatalog.Tree tree : OptionCatalog.Tree.values()) {
      catalogs.put(tree, OptionCatalog.load(tree));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyOptionPathSetByAnExampleIsInTheCatalog() {
    return Examples.all().stream().map(spec -> DynamicTest.dynamicTest(Examples.name(spec), () -> {
      Pipeline.Checked checked0 = Examples.check(spec);
      Plan plan = checked0.plan();
      String channel = checked0.spec().homelab().channel();
      List<String> problems = new ArrayList<>();
      int checked = 0;
      for (OptionCatalog.Tree tree : OptionCatalog.Tree.values()) {
        // Each file against the tree it is evaluated in: a NixOS host's modules against NixOS,
        // a Mac's against nix-darwin, home/<person>.nix against home-manager.
        OptionCatalog catalog = catalogs.get(tree);
        for (NixModule m : plan.modules(tree)) {
          for (OptionLeaf leaf : OptionLeaf.flatten(m.optionBindings())) {
            if (leaf.path().get(0).equals("imports")) {
              continue;
            }
            // Options of a spec input's module (below the prefixes it declares) are left to Nix.
            if (tree == OptionCatalog.Tree.NIXOS
                && dev.homelab.validate.rules.InputOptions.declaring(checked0.spec().flake().inputs(), leaf.path()) != null) {
              continue;
            }
            checked++;
            String problem = catalog.check(leaf);
            if (problem != null) {
              problems.add(tree.title + ": " + leaf.dotted() + ": " + problem);
            }
            // The output sets only options the lab's channel has.
            String release = catalog.notInRelease(leaf.path(), channel);
            if (release != null) {
              problems.add(leaf.dotted() + ": not in " + channel + ": " + release);
            }
          }
        }
      }
      assertThat(problems).as("options not in the catalog").isEmpty();
      assertThat(checked).as("options checked").isGreaterThan(100);
    }));
  }

  @Test
  void catalogRejectsAnOptionThatDoesNotExist() {
    assertThat(catalog.check(leaf("services.immich.machineLearning.enable", NixValue.bool(true)))).isNotNull();
    assertThat(catalog.check(leaf("services.imich.enable", NixValue.bool(true)))).isNotNull();
    assertThat(catalog.check(leaf("services.fail2ban.jails.sshd.port", NixValue.str("22")))).isNotNull();
  }

  @Test
  void catalogRejectsAValueOfTheWrongType() {
    assertThat(catalog.check(leaf("services.jellyfin.hardwareAcceleration", NixValue.str("vaapi")))).isNotNull();
    assertThat(catalog.check(leaf("services.jellyfin.hardwareAcceleration.type", NixValue.str("quicksync"))))
        .contains("does not fit");
    assertThat(catalog.check(leaf("services.immich.port", NixValue.str("2283")))).isNotNull();
    assertThat(catalog.check(leaf("services.immich.port", NixValue.integer(70000)))).isNotNull();
  }

  @Test
  void catalogAcceptsNamesListElementsAndFreeformSettings() {
    assertThat(catalog.check(leaf("services.jellyfin.hardwareAcceleration.type", NixValue.str("qsv")))).isNull();
    assertThat(catalog.check(leaf("users.users.alice.isNormalUser", NixValue.bool(true)))).isNull();
    assertThat(catalog.check(leaf("services.nginx.virtualHosts.x.listen.*.addr", NixValue.str("127.0.0.1")))).isNull();
    assertThat(catalog.check(leaf("services.immich.settings.storageTemplate.enabled", NixValue.bool(true)))).isNull();
  }

  @Test
  void anOptionExistsOnlyInTheReleasesTheCatalogRecords() {
    // Removed in December 2025 (first release without them: 26.05); their -File forms came then.
    List<String> secret = List.of("services", "oauth2-proxy", "clientSecret");
    List<String> secretFile = List.of("services", "oauth2-proxy", "clientSecretFile");
    assertThat(catalog.notInRelease(secret, "nixos-25.05")).isNull();
    assertThat(catalog.notInRelease(secret, "nixos-25.11")).isNull();
    assertThat(catalog.notInRelease(secret, "nixos-26.05")).isEqualTo("NixOS removed it in 26.05");
    assertThat(catalog.notInRelease(secret, "nixos-unstable")).isEqualTo("NixOS removed it in 26.05");
    assertThat(catalog.notInRelease(secretFile, "nixos-25.11")).isEqualTo("NixOS added it in 26.05");
    assertThat(catalog.notInRelease(secretFile, "nixos-26.05")).isNull();
    assertThat(catalog.notInRelease(secretFile, "nixpkgs-unstable")).isNull();
    // Options without a recorded release are in every one.
    assertThat(catalog.notInRelease(List.of("services", "immich", "enable"), "nixos-25.05")).isNull();
  }

  @Test
  void aSingularEnumTakesItsOneWord() {
    assertThat(catalog.check(leaf("disko.devices.disk.a.type", NixValue.str("disk")))).isNull();
    assertThat(catalog.check(leaf("disko.devices.zpool.tank.type", NixValue.str("zpool")))).isNull();
    assertThat(catalog.check(leaf("disko.devices.disk.a.type", NixValue.str("zpool")))).contains("does not fit");
  }

  @Test
  void eachTreeHasItsOwnOptions() {
    OptionCatalog darwin = catalogs.get(OptionCatalog.Tree.DARWIN);
    OptionCatalog home = catalogs.get(OptionCatalog.Tree.HOME_MANAGER);
    // nix-darwin's state version is its own number, not a NixOS release.
    assertThat(darwin.check(leaf("system.stateVersion", NixValue.integer(6)))).isNull();
    assertThat(darwin.check(leaf("system.stateVersion", NixValue.str("25.05")))).contains("does not fit");
    assertThat(catalog.check(leaf("system.stateVersion", NixValue.str("25.05")))).isNull();
    assertThat(darwin.check(leaf("homebrew.casks", NixValue.strings(List.of("firefox"))))).isNull();
    // A NixOS option is no nix-darwin option, and the reverse.
    assertThat(darwin.check(leaf("services.openssh.enable", NixValue.bool(true)))).isNotNull();
    assertThat(catalog.check(leaf("homebrew.enable", NixValue.bool(true)))).isNotNull();
    // home-manager's tree: a home profile's options, none of NixOS's.
    assertThat(home.check(leaf("home.stateVersion", NixValue.str("25.05")))).isNull();
    assertThat(home.check(leaf("home.stateVersion", NixValue.str("17.03")))).contains("does not fit");
    assertThat(home.check(leaf("programs.git.settings.user.name", NixValue.str("Ryan")))).isNull();
    assertThat(home.check(leaf("users.users.ryan.isNormalUser", NixValue.bool(true)))).isNotNull();
    assertThat(home.check(leaf("programs.git.userName", NixValue.str("Ryan")))).isNotNull();
  }

  private static OptionLeaf leaf(String dotted, NixValue value) {
    return OptionLeaf.flatten(List.of(Binding.of(dotted, value))).get(0);
  }
}
