package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.OptionCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.model.Home;
import dev.homelab.model.Person;
import dev.homelab.model.Spec;
import dev.homelab.nix.NixValue;
import dev.homelab.nix.OptionLeaf;
import dev.homelab.plan.NixModule;
import dev.homelab.plan.Plan;
import dev.homelab.plan.PlannedFile;
import dev.homelab.testing.Examples;
import dev.homelab.testing.OptionChecks;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The people of the three fleets: seed 001's ryan on rydev and on rymac, the Mac (a nix-darwin
 * configuration with home-manager and Homebrew casks), seed 000's sam on the desktop and the
 * laptop, seed 002's strange on clovis and septimius; none of their profiles on a server.
 */
class FleetPeopleFactsTest {

  static final Path FORGE = Path.of("examples/forge.yaml");
  static final Path THREE_TIER = Path.of("examples/three-tier.yaml");
  static final Path QGROGET = Path.of("examples/qgroget-server.yaml");

  static Map<String, String> forge;

  @BeforeAll
  static void generate() {
    forge = Examples.render(FORGE);
  }

  // ---- seed 001: rymac, the Mac

  @Test
  void rymacIsADarwinConfigurationWithHomeManager() {
    String flake = forge.get("flake.nix");
    assertThat(flake).contains("""
              darwinConfigurations.rymac = nix-darwin.lib.darwinSystem {
                modules = [
                  home-manager.darwinModules.home-manager
                  ./hosts/rymac
                ];
              };
        """);
    assertThat(flake).doesNotContain("nixosConfigurations.rymac");
    // Both module flakes follow the lab's nixpkgs, on the branch of its release.
    assertThat(flake).contains("""
            home-manager = {
              url = "github:nix-community/home-manager/release-26.05";
              inputs.nixpkgs.follows = "nixpkgs";
            };
            nix-darwin = {
              url = "github:nix-darwin/nix-darwin/nix-darwin-26.05";
              inputs.nixpkgs.follows = "nixpkgs";
            };
        """);
    assertThat(flake).contains("formatter.aarch64-darwin = nixpkgs.legacyPackages.aarch64-darwin.nixfmt;");
  }

  @Test
  void rymacHasTheCasksItsSpecListsAndNothingOfNixos() {
    String mac = forge.get("hosts/rymac/default.nix");
    assertThat(mac).contains("""
          homebrew = {
            enable = true;

            # What the lists no longer name is uninstalled at activation (hosts.rymac.homebrew.cleanup).
            onActivation.cleanup = "uninstall";
            brews = [ "mas" ];
            casks = [
              "1password"
              "ghostty"
              "orbstack"
              "raycast"
              "tailscale-app"
            ];
          };
        """);
    assertThat(mac).contains("nixpkgs.hostPlatform = \"aarch64-darwin\";", "system.primaryUser = \"ryan\";",
        "users.users.ryan.home = \"/Users/ryan\";", "system.stateVersion = 6;", "hostName = \"rymac\";");
    // No NixOS part: no hardware file, boot loader, firewall, base module, sops or systemd.
    assertThat(forge).doesNotContainKeys("hosts/rymac/hardware-configuration.nix", "hosts/rymac/network.nix",
        "secrets/rymac.required.yaml");
    assertThat(forge.keySet().stream().filter(f -> f.startsWith("hosts/rymac/")))
        .containsExactlyInAnyOrder("hosts/rymac/default.nix", "hosts/rymac/local.nix", "hosts/rymac/people.nix");
    assertThat(mac).doesNotContain("boot.", "base.nix", "systemd", "sops", "firewall");
    assertThat(forge.get(".sops.yaml")).doesNotContain("rymac");
  }

  @Test
  void ryansProfileIsOnRydevAndRymacAndNotOnTheServers() {
    for (String host : List.of("rydev", "rymac")) {
      assertThat(forge.get("hosts/" + host + "/people.nix")).as(host).contains("ryan = import ../../home/ryan.nix;",
          "useGlobalPkgs = true;", "useUserPackages = true;");
      assertThat(forge.get("hosts/" + host + "/default.nix")).as(host).contains("./people.nix");
    }
    assertThat(forge.get("flake.nix")).contains("""
                  home-manager.nixosModules.home-manager
                  ./hosts/rydev
        """);
    for (String host : List.of("forge", "nas-1", "luna", "nixpi")) {
      assertThat(forge).as(host).doesNotContainKey("hosts/" + host + "/people.nix");
      String entry = forge.get("flake.nix").substring(forge.get("flake.nix").indexOf("nixosConfigurations." + host + " "));
      assertThat(entry.substring(0, entry.indexOf("};"))).as(host).doesNotContain("home-manager");
    }
    // rydev's login shell is the profile's, enabled system-wide as NixOS requires.
    assertThat(forge.get("hosts/rydev/people.nix")).contains("programs.zsh.enable = true;",
        "users.users.ryan.shell = pkgs.zsh;");
    // ryan keeps his account on every host (base.nix), the servers included.
    assertThat(forge.get("modules/base.nix")).contains("users.users.ryan = {");
  }

  @Test
  void rydevGetsTheDevelopmentTools() {
    assertThat(forge.get("home/ryan.nix")).contains("pkgs.ripgrep", "pkgs.gh", "pkgs.go-task", "pkgs.nixd",
        "nix-direnv.enable = true;");
  }

  @Test
  void theDocsSayHowTheMacIsSetUp() {
    String docs = forge.get("docs/README.md");
    String rymac = docs.substring(docs.indexOf("## rymac\n"));
    assertThat(rymac).contains("### Setting up this Mac (nix-darwin)\n",
        "`sudo nix --extra-experimental-features \"nix-command flakes\" run nix-darwin/nix-darwin-26.05#darwin-rebuild --"
            + " switch --flake .#rymac`",
        "`sudo darwin-rebuild switch --flake .#rymac`", "Homebrew (https://brew.sh)",
        "- ryan (admin): macOS account, home `/Users/ryan`; home-manager profile `home/ryan.nix`");
    assertThat(docs).contains("### People\n\n- ryan (admin): account from `modules/base.nix`; no home profile here\n");
  }

  // ---- seed 000 and seed 002

  @Test
  void samsProfileIsOnTheDesktopAndTheLaptop() {
    Map<String, String> out = Examples.render(THREE_TIER);
    for (String host : List.of("desktop", "laptop")) {
      assertThat(out.get("hosts/" + host + "/people.nix")).as(host).contains("sam = import ../../home/sam.nix;");
    }
    assertThat(out).doesNotContainKey("hosts/server/people.nix");
    assertThat(out.get("home/sam.nix")).contains("pkgs.nb", "programs.neovim = {", "name = \"Sam\";");
  }

  @Test
  void strangesProfileIsOnBothDesktops() {
    Map<String, String> out = Examples.render(QGROGET);
    for (String host : List.of("clovis", "septimius")) {
      assertThat(out.get("hosts/" + host + "/people.nix")).as(host).contains("strange = import ../../home/strange.nix;");
    }
    assertThat(out).doesNotContainKeys("hosts/server/people.nix", "hosts/cube/people.nix");
    // An unstable channel follows home-manager's master branch.
    assertThat(out.get("flake.nix")).contains("url = \"github:nix-community/home-manager/master\";")
        .doesNotContain("nix-darwin");
  }

  // ---- every person's file sets exactly what the spec says

  @TestFactory
  Stream<DynamicTest> everyHomeFileSetsExactlyWhatItsSpecSays() {
    return Stream.of(FORGE, THREE_TIER, QGROGET).map(path -> DynamicTest.dynamicTest(Examples.name(path), () -> {
      Pipeline.Checked checked = Examples.check(path);
      Spec spec = checked.spec();
      Plan plan = Examples.plan(path);
      Map<String, Person> people = new LinkedHashMap<>(spec.admins());
      people.putAll(spec.users());
      int homes = 0;
      for (Map.Entry<String, Person> e : people.entrySet()) {
        if (e.getValue().home() == null) {
          continue;
        }
        homes++;
        NixModule module = module(plan, "home/" + e.getKey() + ".nix");
        Map<String, String> set = new TreeMap<>();
        for (OptionLeaf leaf : OptionLeaf.flatten(module.optionBindings())) {
          set.put(leaf.dotted(), show(leaf.value()));
        }
        assertThat(set).as(e.getKey()).isEqualTo(expected(e.getValue().home()));
      }
      assertThat(homes).isPositive();
    }));
  }

  /** What a profile must set, derived from the spec here, independently of the planner. */
  static Map<String, String> expected(Home h) {
    Map<String, String> out = new TreeMap<>();
    out.put("home.stateVersion", "\"" + h.stateVersion() + "\"");
    if (h.shell() != null) {
      out.put("programs." + h.shell() + ".enable", "true");
    }
    if (h.editor() != null) {
      out.put("programs." + h.editor() + ".enable", "true");
      out.put("programs." + h.editor() + ".defaultEditor", "true");
      if (h.editor().equals("neovim")) {
        out.put("programs.neovim.viAlias", "true");
        out.put("programs.neovim.vimAlias", "true");
      }
    }
    if (h.git() != null) {
      out.put("programs.git.enable", "true");
      out.put("programs.git.settings.user.name", "\"" + h.git().name() + "\"");
      out.put("programs.git.settings.user.email", "\"" + h.git().email() + "\"");
    }
    if (h.starship()) {
      out.put("programs.starship.enable", "true");
    }
    if (h.direnv()) {
      out.put("programs.direnv.enable", "true");
      out.put("programs.direnv.nix-direnv.enable", "true");
    }
    if (!h.packages().isEmpty()) {
      out.put("home.packages", h.packages().stream().map(p -> "pkgs." + p).toList().toString());
    }
    // (A leaf's dotted path joins its segments as they are: the target is one segment.)
    h.dotfiles().forEach((target, source) -> out.put("home.file." + target + ".source", "../" + source));
    return out;
  }

  static String show(NixValue v) {
    if (v instanceof NixValue.Str s) {
      return "\"" + s.value() + "\"";
    } else if (v instanceof NixValue.Bool b) {
      return String.valueOf(b.value());
    } else if (v instanceof NixValue.Ref r) {
      return r.code();
    } else if (v instanceof NixValue.Path p) {
      return p.value();
    } else if (v instanceof NixValue.ListOf l) {
      return l.items().stream().map(FleetPeopleFactsTest::show).toList().toString();
    }
    return v.toString();
  }

  static NixModule module(Plan plan, String path) {
    PlannedFile f = plan.files().stream().filter(p -> p.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError(path + " is not planned"));
    return (NixModule) f.model().get("module");
  }

  // ---- every option of every darwin and home-manager file is in its catalog

  @Test
  void everyDarwinAndHomeManagerOptionIsInItsCatalog() {
    Plan plan = Examples.plan(FORGE);
    assertThat(plan.modules(OptionCatalog.Tree.DARWIN)).hasSize(2);
    assertThat(plan.modules(OptionCatalog.Tree.HOME_MANAGER)).hasSize(1);
    assertThat(OptionChecks.assertEveryOptionExists(plan)).isGreaterThan(100);
    // The trees are not interchangeable: the Mac's file fails against NixOS's catalog.
    OptionCatalog nixos = OptionChecks.catalog(OptionCatalog.Tree.NIXOS);
    List<String> foreign = plan.modules(OptionCatalog.Tree.DARWIN).stream()
        .flatMap(m -> OptionLeaf.flatten(m.optionBindings()).stream())
        .filter(l -> !l.path().get(0).equals("imports") && nixos.check(l) != null)
        .map(OptionLeaf::dotted).toList();
    assertThat(foreign).contains("homebrew.enable", "system.primaryUser", "system.stateVersion");
  }
}
