package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import dev.homelab.testing.OptionChecks;
import dev.homelab.testing.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new pool with devices is laid out by disko ({@code hosts/<h>/disko.nix}, the disko input
 * in the flake), its datasets still applied by the dataset unit; an existing pool is not; a
 * service's dataset without a recordsize takes its workload's.
 */
class DiskoLayoutTest {

  @TempDir
  Path tmp;

  static final String DISK_A = "/dev/disk/by-id/ata-WDC_WD40EFRX-68N32N0_WD-WCC7K1AAAAAA";
  static final String DISK_B = "/dev/disk/by-id/nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123456X";

  /** MINIMAL with its pool `tank` new, on a mirror of two disks, and Radarr on a dataset without recordsize. */
  static final String MIRROR = Specs.MINIMAL
      .replace("        size: 4T\n", "        size: 4T\n        topology: mirror\n        devices:\n          - " + DISK_A
          + "\n          - " + DISK_B + "\n        ashift: 13\n        autotrim: true\n")
      .replace("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          radarr: {}\n"
          + "          arr: { recordsize: 64K }\n          postgresql: { mountpoint: /var/lib/postgresql }\n"
          + "          immich: {}\n          immich/library: { recordsize: 1M }\n")
      .replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, dataset: tank/immich }\n"
          + "      radarr: { tier: critical, dataset: tank/radarr }\n      sonarr: { tier: critical, dataset: tank/arr }\n");

  private Path gen(String spec) {
    return Cli.gen(tmp, spec);
  }

  @Test
  void aNewMirrorPoolIsLaidOutByDisko() throws Exception {
    Path out = gen(MIRROR);
    String disko = Files.readString(out.resolve("hosts/nuc/disko.nix"));
    assertThat(disko).contains("ERASES every disk listed here", "# tank: a mirror of 2 devices; it survives losing 1 of them.");

    NixTool.require();
    assertThat(NixTool.parse(out.resolve("hosts/nuc/disko.nix")).exit()).isZero();
    Files.writeString(tmp.resolve("devices.nix"), "(import " + out.resolve("hosts/nuc/disko.nix") + " { }).disko.devices\n");
    NixTool.Result eval = NixTool.evalJson(tmp.resolve("devices.nix"));
    assertThat(eval.exit()).as(eval.err()).isZero();
    JsonNode devices = new ObjectMapper().readTree(eval.out());

    JsonNode pool = devices.path("zpool").path("tank");
    assertThat(pool.path("type").asText()).isEqualTo("zpool");
    assertThat(pool.path("mode").asText()).isEqualTo("mirror");
    assertThat(pool.path("options").path("ashift").asText()).isEqualTo("13");
    assertThat(pool.path("options").path("autotrim").asText()).isEqualTo("on");
    assertThat(pool.path("rootFsOptions").path("canmount").asText()).isEqualTo("off");
    assertThat(pool.path("rootFsOptions").path("compression").asText()).isEqualTo("lz4");
    assertThat(pool.has("datasets")).as("datasets stay with the dataset unit").isFalse();

    List<String> names = new ArrayList<>();
    devices.path("disk").fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("ata-WDC_WD40EFRX-68N32N0_WD-WCC7K1AAAAAA", "nvme-Samsung_SSD_980_PRO_2TB_S6B0NL0T123456X");
    List<String> paths = new ArrayList<>();
    for (String n : names) {
      JsonNode disk = devices.path("disk").path(n);
      assertThat(disk.path("type").asText()).isEqualTo("disk");
      paths.add(disk.path("device").asText());
      assertThat(disk.path("content").path("type").asText()).isEqualTo("gpt");
      JsonNode part = disk.path("content").path("partitions").path("zfs");
      assertThat(part.path("size").asText()).isEqualTo("100%");
      assertThat(part.path("content").path("type").asText()).isEqualTo("zfs");
      assertThat(part.path("content").path("pool").asText()).isEqualTo("tank");
    }
    assertThat(paths).containsExactly(DISK_A, DISK_B);

    String flake = Files.readString(out.resolve("flake.nix"));
    assertThat(flake).contains("    disko = {\n      url = \"github:nix-community/disko\";\n      inputs.nixpkgs.follows = \"nixpkgs\";\n",
        "disko.nixosModules.disko", "{ nixpkgs, disko, ... }:");
    assertThat(Files.readString(out.resolve("hosts/nuc/default.nix"))).contains("./disko.nix");
    String datasets = Files.readString(out.resolve("hosts/nuc/datasets.nix"));
    assertThat(datasets).contains("boot.zfs.extraPools = [ \"tank\" ];", "services.zfs.autoScrub.enable = true;",
        "tank is new: disko.nix lays it out on its devices at the first install");
    assertThat(datasets).doesNotContain("forceImportRoot");
    for (String f : new String[] {"flake.nix", "hosts/nuc/datasets.nix", "hosts/nuc/default.nix"}) {
      assertThat(NixTool.parse(out.resolve(f)).exit()).as(f).isZero();
    }
    assertThat(OptionChecks.assertEveryOptionExists(Specs.write(tmp, "again.yaml", MIRROR))).isPositive();
  }

  @Test
  void serviceDatasetsTakeTheirWorkloadsRecordsize() throws Exception {
    String datasets = Files.readString(gen(MIRROR).resolve("hosts/nuc/datasets.nix"));
    // Radarr keeps SQLite databases; the comment says where the value comes from.
    assertThat(datasets).contains("      # tank/radarr: recordsize=16K, the default for radarr's SQLite databases (workload sqlite).\n"
        + "      ensure tank/radarr radarr:radarr - mountpoint=/var/lib/radarr recordsize=16K\n");
    // The PostgreSQL cluster's directory, on a host whose Immich uses the cluster.
    assertThat(datasets).contains("# tank/postgresql: recordsize=8K, the default for the PostgreSQL cluster (workload postgresql).",
        "ensure tank/postgresql - - mountpoint=/var/lib/postgresql recordsize=8K\n");
    // The spec's recordsize wins over the workload.
    assertThat(datasets).contains("ensure tank/arr sonarr:sonarr - mountpoint=/var/lib/sonarr recordsize=64K\n")
        .doesNotContain("tank/arr: recordsize");
    // Immich's media workload stays off a dataset whose children the spec lays out itself.
    assertThat(datasets).contains("ensure tank/immich immich:immich - mountpoint=/var/lib/immich\n")
        .doesNotContain("tank/immich: recordsize");
    // Vaultwarden's database is SQLite too.
    assertThat(datasets).contains("ensure tank/vaultwarden vaultwarden:vaultwarden - mountpoint=/var/lib/vaultwarden refquota=2G recordsize=16K\n");
  }

  @Test
  void immichsOwnDatasetTakesTheMediaRecordsize() throws Exception {
    String spec = Specs.MINIMAL.replace("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          photos: {}\n")
        .replace("      immich: { tier: critical, claimed: true }\n", "      immich: { tier: critical, dataset: tank/photos }\n");
    String datasets = Files.readString(gen(spec).resolve("hosts/nuc/datasets.nix"));
    assertThat(datasets).contains("# tank/photos: recordsize=1M, the default for immich's large media files (workload media).",
        "ensure tank/photos immich:immich - mountpoint=/var/lib/immich recordsize=1M\n");
  }

  @Test
  void raidzAndSingleTopologies() throws Exception {
    String disks = "";
    for (char c = 'A'; c <= 'D'; c++) {
      disks += "          - /dev/disk/by-id/ata-DISK_" + c + "\n";
    }
    String raidz2 = Specs.MINIMAL.replace("        size: 4T\n", "        size: 4T\n        topology: raidz2\n        devices:\n" + disks);
    String disko = Files.readString(gen(raidz2).resolve("hosts/nuc/disko.nix"));
    assertThat(disko).contains("mode = \"raidz2\";", "# tank: raidz2 over 4 devices; it survives losing two of them.",
        "ashift = \"12\";", "ata-DISK_D = {").doesNotContain("autotrim = ");

    String single = Specs.MINIMAL.replace("        size: 4T\n", "        size: 4T\n        devices: [/dev/disk/by-id/ata-DISK_A]\n");
    String one = Files.readString(gen(single).resolve("hosts/nuc/disko.nix"));
    assertThat(one).contains("# tank: one device, no redundancy.", "type = \"zpool\";").doesNotContain("mode =");
  }

  @Test
  void anExistingPoolIsNeverLaidOut() throws Exception {
    Path out = gen(Specs.MINIMAL);
    assertThat(out.resolve("hosts/nuc/disko.nix")).doesNotExist();
    assertThat(Files.readString(out.resolve("flake.nix"))).doesNotContain("disko");
    assertThat(Files.readString(out.resolve("hosts/nuc/datasets.nix")))
        .contains("tank exists already", "it is imported, never formatted", "boot.zfs.extraPools = [ \"tank\" ];");
  }
}
