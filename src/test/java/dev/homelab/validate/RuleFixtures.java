package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Specs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Specs that break exactly one rule, each with the place of its finding and the same spec
 * corrected. Positions are 1-based line and column in the fixture text, counted by hand.
 */
final class RuleFixtures {

  /**
   * One broken spec: the rule id it breaks, where the finding is, whether it is an error or
   * a warning, and the corrected text that must not get a finding of that id.
   */
  record Fixture(String name, String id, String text, int line, int column, boolean warning, String corrected) {

    @Override
    public String toString() {
      return id + " " + name;
    }
  }

  private RuleFixtures() {}

  /** {@link Specs#MINIMAL} with one piece of text replaced; fails when the piece is missing. */
  static String edit(String from, String to) {
    return edit(Specs.MINIMAL, from, to);
  }

  static String edit(String text, String from, String to) {
    assertThat(text).as("fixture base text").contains(from);
    return text.replace(from, to);
  }

  private static final String TAILNET_LINE = "      tailscale: true\n";
  private static final String VAULTWARDEN = "      vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }\n";
  private static final String IMMICH = "      immich: { tier: critical, claimed: true }\n";

  private static String immich(String body) {
    return edit(IMMICH, "      immich: { " + body + " }\n");
  }

  /** Lines 27.. appended to MINIMAL: a repository and one job whose line 33 is {@code job}. */
  private static String withBackupJob(String job) {
    return Specs.MINIMAL + """
        secrets:
          restic: {}
        backups:
          repositories:
            local: { path: /backups/restic, password: { secret: restic } }
          jobs:
        """ + "    nightly: { " + job + " }\n";
  }

  private static String withRepository(String repo) {
    return Specs.MINIMAL + """
        secrets:
          restic: {}
        backups:
          repositories:
        """ + "    local: { " + repo + ", password: { secret: restic } }\n" + """
          jobs:
            nightly: { to: [local], paths: [/var/lib], at: "02:00" }
        """;
  }

  private static final String VPN_SECRET = "secrets:\n  vpn: {}\n";
  private static final String VPN = "vpn: { provider: mullvad, privateKey: { secret: vpn } }";

  // HL0340 names
  static final Fixture ADMIN_NAME_WITH_CAPITALS = new Fixture("admin name with capitals", "HL0340",
      edit("  alice:\n", "  Alice:\n"), 7, 3, false, Specs.MINIMAL);
  static final Fixture SUBDOMAIN_NOT_A_LABEL = new Fixture("subdomain that is no DNS label", "HL0340",
      immich("tier: critical, subdomain: My_Photos"), 26, 44, false, immich("tier: critical, subdomain: my-photos"));

  // HL0306 unknown service kind
  static final Fixture UNKNOWN_KIND = new Fixture("unknown kind", "HL0306",
      immich("kind: imich, tier: critical"), 26, 23, false, immich("kind: immich, tier: critical"));
  static final Fixture SERVICE_NAMED_AFTER_NO_KIND = new Fixture("service named after no kind", "HL0306",
      edit("      immich: {", "      immish: {"), 26, 7, false, edit("      immich: {", "      immish: { kind: immich,"));

  // HL0302 unknown reference
  static final Fixture UNKNOWN_TIER = new Fixture("unknown tier", "HL0302",
      edit("tier: critical, dataset", "tier: critcal, dataset"), 25, 43, false, Specs.MINIMAL);
  static final Fixture UNKNOWN_DATASET = new Fixture("unknown dataset", "HL0302",
      edit("dataset: tank/vaultwarden }", "dataset: tank/vaultwardn }"), 25, 62, false, Specs.MINIMAL);
  static final Fixture UNKNOWN_REPOSITORY = new Fixture("unknown backup repository", "HL0302",
      withBackupJob("to: [lokal], paths: [/var/lib], at: \"02:00\""), 33, 21, false,
      withBackupJob("to: [local], paths: [/var/lib], at: \"02:00\""));

  // HL0301 port clash
  static final Fixture PORT_OF_TWO_SERVICES = new Fixture("port claimed by two services", "HL0301",
      immich("tier: critical, port: 8000"), 26, 39, false, immich("tier: critical, port: 8001"));
  static final Fixture PORT_IS_CATALOG_DEFAULT = new Fixture("port that is another service's catalog default", "HL0301",
      edit("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, port: 2283 }"), 26, 7, false,
      edit("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, port: 2284 }"));
  static final Fixture PORT_OF_SSH = new Fixture("service port on SSH", "HL0301",
      immich("tier: critical, port: 22"), 26, 39, false, Specs.MINIMAL);

  // HL0310 host id
  static final Fixture HOST_ID_NOT_HEX = new Fixture("host id with capitals", "HL0310",
      edit("hostId: 8425e349", "hostId: 8425E349"), 15, 13, false, Specs.MINIMAL);
  static final Fixture ZFS_HOST_WITHOUT_HOST_ID = new Fixture("ZFS host without host id", "HL0310",
      edit("    hostId: 8425e349\n", ""), 13, 3, false, Specs.MINIMAL);

  // HL0320 quotas
  static final Fixture QUOTA_ABOVE_POOL = new Fixture("quota above pool size", "HL0320",
      edit("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 5T }"), 23, 33, false, Specs.MINIMAL);
  static final Fixture QUOTAS_OVERCOMMIT_POOL = new Fixture("quotas summing above pool", "HL0320",
      edit("vaultwarden: { quota: 2G }\n", "vaultwarden: { quota: 2T }\n          immich: { quota: 3T }\n"), 21, 15, true,
      edit("vaultwarden: { quota: 2G }\n", "vaultwarden: { quota: 2T }\n          immich: { quota: 1T }\n"));
  static final Fixture QUOTAS_LEAVE_LITTLE_FREE = new Fixture("quotas leaving less than 15 % free", "HL0320",
      edit("vaultwarden: { quota: 2G }\n", "vaultwarden: { quota: 2T }\n          immich: { quota: 1.5T }\n"), 21, 15, true,
      edit("vaultwarden: { quota: 2G }\n", "vaultwarden: { quota: 2T }\n          immich: { quota: 1T }\n"));
  static final Fixture CHILD_QUOTA_ABOVE_PARENT = new Fixture("child quota above parent total quota", "HL0320",
      edit("vaultwarden: { quota: 2G }\n", "vaultwarden: { totalQuota: 2G }\n          vaultwarden/attachments: { quota: 3G }\n"), 24, 45, false,
      edit("vaultwarden: { quota: 2G }\n", "vaultwarden: { totalQuota: 2G }\n          vaultwarden/attachments: { quota: 1G }\n"));

  // HL0321 pool layout
  private static final String DISK_A = "/dev/disk/by-id/ata-DISK_A";
  private static final String DISK_B = "/dev/disk/by-id/ata-DISK_B";
  private static final String DISK_C = "/dev/disk/by-id/ata-DISK_C";
  private static final String POOL_SIZE = "        size: 4T\n";

  /** MINIMAL's pool {@code tank} with these lines after its size (line 22 on). */
  private static String tank(String lines) {
    return edit(POOL_SIZE, POOL_SIZE + lines);
  }

  static final Fixture NEW_POOL_WITHOUT_DEVICES = new Fixture("new pool without devices", "HL0321",
      edit("      tank:\n", "      tank:\n        existing: false\n"), 21, 19, false,
      edit("      tank:\n", "      tank:\n        existing: true\n"));
  static final Fixture DEVICE_NOT_BY_ID = new Fixture("device not by id", "HL0321",
      tank("        devices: [/dev/sda]\n"), 22, 19, false, tank("        devices: [" + DISK_A + "]\n"));
  static final Fixture DEVICE_LISTED_TWICE = new Fixture("device listed twice in a pool", "HL0321",
      tank("        topology: mirror\n        devices: [" + DISK_A + ", " + DISK_A + "]\n"), 23, 47, false,
      tank("        topology: mirror\n        devices: [" + DISK_A + ", " + DISK_B + "]\n"));
  static final Fixture DEVICE_IN_TWO_POOLS = new Fixture("device of two pools", "HL0321",
      edit(tank("        devices: [" + DISK_A + "]\n"), "          vaultwarden: { quota: 2G }\n",
          "          vaultwarden: { quota: 2G }\n      backup:\n        size: 4T\n        devices: [" + DISK_A + "]\n"), 27, 19, false,
      edit(tank("        devices: [" + DISK_A + "]\n"), "          vaultwarden: { quota: 2G }\n",
          "          vaultwarden: { quota: 2G }\n      backup:\n        size: 4T\n        devices: [" + DISK_B + "]\n"));
  static final Fixture TOO_FEW_DEVICES = new Fixture("raidz1 on two devices", "HL0321",
      tank("        topology: raidz1\n        devices: [" + DISK_A + ", " + DISK_B + "]\n"), 22, 19, false,
      tank("        topology: raidz1\n        devices: [" + DISK_A + ", " + DISK_B + ", " + DISK_C + "]\n"));
  static final Fixture SINGLE_ON_TWO_DEVICES = new Fixture("single topology on two devices", "HL0321",
      tank("        devices: [" + DISK_A + ", " + DISK_B + "]\n"), 22, 18, false,
      tank("        topology: mirror\n        devices: [" + DISK_A + ", " + DISK_B + "]\n"));
  static final Fixture EXISTING_POOL_WITH_DEVICES = new Fixture("existing pool with devices", "HL0321",
      edit("      tank:\n", "      tank:\n        existing: true\n").replace(POOL_SIZE, POOL_SIZE + "        devices: [" + DISK_A + "]\n"),
      23, 9, true, edit("      tank:\n", "      tank:\n        existing: true\n"));

  // HL0325 BTRFS root layout
  private static final String HOST_ID = "    hostId: 8425e349\n";

  /** MINIMAL's host with these lines after its host id (line 16 on). */
  private static String afterHostId(String lines) {
    return edit(HOST_ID, HOST_ID + lines);
  }

  private static String btrfsRoot(String device) {
    return "    impermanence:\n      btrfs:\n        device: " + device + "\n";
  }

  static final Fixture BTRFS_DEVICE_NOT_BY_ID = new Fixture("BTRFS root device not by id", "HL0325",
      afterHostId(btrfsRoot("/dev/nvme0n1")), 18, 17, false, afterHostId(btrfsRoot(DISK_B)));
  static final Fixture BTRFS_DEVICE_OF_A_POOL = new Fixture("BTRFS root on a pool's disk", "HL0325",
      edit(afterHostId(btrfsRoot(DISK_A)), POOL_SIZE, POOL_SIZE + "        devices: [" + DISK_A + "]\n"), 18, 17, false,
      edit(afterHostId(btrfsRoot(DISK_B)), POOL_SIZE, POOL_SIZE + "        devices: [" + DISK_A + "]\n"));
  static final Fixture PERSIST_ON_A_SUBVOLUME_MOUNTPOINT = new Fixture("persist path the layout mounts", "HL0325",
      afterHostId("    impermanence:\n      persist: /nix\n      btrfs:\n        device: " + DISK_B + "\n"), 17, 16, false,
      afterHostId("    impermanence:\n      persist: /persist\n      btrfs:\n        device: " + DISK_B + "\n"));
  static final Fixture BTRFS_ROOT_WITH_GRUB = new Fixture("BTRFS root with GRUB", "HL0325",
      afterHostId("    boot: { loader: grub, device: /dev/sda }\n" + btrfsRoot(DISK_B)), 16, 21, false,
      afterHostId(btrfsRoot(DISK_B)));
  static final Fixture DESKTOP_ADMIN_WITHOUT_PASSWORD = new Fixture("desktop admin without a password", "HL0325",
      afterHostId("    role: desktop\n    impermanence: { persist: /persist }\n"), 7, 3, true,
      edit(afterHostId("    role: desktop\n    impermanence: { persist: /persist }\n"),
          "    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n",
          "    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n    passwordHash: { secret: alice/password-hash }\n")
          + "secrets:\n  alice/password-hash: {}\n");

  // HL0490 .. HL0493 an ephemeral root on ZFS
  private static String zfsRoot(String body) {
    return afterHostId("    impermanence:\n      zfs:\n" + body);
  }

  static final Fixture ROLLBACK_DATASET_ALSO_PERSISTENT = new Fixture("rolled-back dataset that is also persistent", "HL0490",
      zfsRoot("        datasets: { local/root: /persist, local/nix: /nix }\n"), 18, 21, false,
      zfsRoot("        datasets: { safe/persist: /persist, local/nix: /nix }\n"));
  static final Fixture PERSIST_ON_NO_PERSISTENT_DATASET = new Fixture("persist path on no persistent dataset", "HL0491",
      afterHostId("    impermanence:\n      persist: /state\n      zfs:\n        datasets: { safe/persist: /persist, local/nix: /nix }\n"),
      17, 16, false,
      afterHostId("    impermanence:\n      persist: /persist\n      zfs:\n        datasets: { safe/persist: /persist, local/nix: /nix }\n"));
  static final Fixture ZFS_ROOT_WITHOUT_HOST_ID = new Fixture("ZFS root without a host id", "HL0492",
      edit(IMMICH, IMMICH + "  box:\n    stateVersion: \"25.05\"\n    impermanence: { zfs: {} }\n"), 29, 21, false,
      edit(IMMICH, IMMICH + "  box:\n    stateVersion: \"25.05\"\n    hostId: 0a1b2c3d\n    impermanence: { zfs: {} }\n"));
  static final Fixture ZFS_ROOT_DEVICE_NOT_BY_ID = new Fixture("ZFS root device not by id", "HL0493",
      zfsRoot("        device: /dev/nvme0n1\n"), 18, 17, false, zfsRoot("        device: " + DISK_B + "\n"));

  // HL0322 mountpoint clashes
  static final Fixture MOUNTPOINT_CLASH = new Fixture("two datasets at one mountpoint", "HL0322",
      edit("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          web: { mountpoint: /var/lib/vaultwarden }\n"),
      24, 30, false,
      edit("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          web: { mountpoint: /srv/web }\n"));
  static final Fixture INHERITED_MOUNTPOINT_CLASH = new Fixture("inherited mountpoint taken", "HL0322",
      edit("          vaultwarden: { quota: 2G }\n",
          "          vaultwarden: { quota: 2G }\n          data: { mountpoint: /tank/media }\n          media: {}\n"), 25, 11, false,
      edit("          vaultwarden: { quota: 2G }\n",
          "          vaultwarden: { quota: 2G }\n          data: { mountpoint: /data }\n          media: {}\n"));

  // HL0330 public needs TLS
  static final Fixture PUBLIC_WITHOUT_TLS = new Fixture("public service without tunnel or ACME", "HL0330",
      immich("tier: critical, expose: [public]"), 26, 41, false,
      edit(immich("tier: critical, expose: [public]"), "      tailscale: true\n", "      tailscale: true\n      proxy: { tls: acme }\n"));

  // HL0350 pasted secrets
  static final Fixture PASTED_PASSWORD = new Fixture("pasted repository password", "HL0350",
      Specs.MINIMAL + """
          backups:
            repositories:
              local: { path: /backups/restic, password: hunter2 }
          """, 29, 47, false,
      Specs.MINIMAL + """
          backups:
            repositories:
              local: { path: /backups/restic, password: { secret: restic } }
          secrets:
            restic: {}
          """);
  static final Fixture PASSWORD_IN_CONTAINER_ENVIRONMENT = new Fixture("password in a container's environment", "HL0350",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:2,"
          + " environment: { DB_PASSWORD: hunter2 } } }\n"), 27, 116, false,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:2,"
          + " environment: { DB_USER: wiki }, environmentFile: { secret: wiki/env } } }\n") + "secrets:\n  wiki/env: {}\n");
  static final Fixture TOKEN_IN_OWN_OPTIONS = new Fixture("random token in own NixOS options", "HL0350",
      immich("tier: critical, nixos: { services.immich.environment.FOO: x9Fk2LmQ8vTz3RwYp7HcN4bJd6GsAe1U }"), 26, 75, false,
      immich("tier: critical, nixos: { services.immich.environment.FOO: bar }"));
  static final Fixture PRIVATE_KEY = new Fixture("private key header", "HL0350",
      Specs.MINIMAL + """
          secrets:
            deploy: { hint: "-----BEGIN OPENSSH PRIVATE KEY-----" }
          """, 28, 19, false,
      Specs.MINIMAL + """
          secrets:
            deploy: { hint: "the deploy key, from the password manager" }
          """);

  // HL0315 service settings
  static final Fixture UNKNOWN_SETTING = new Fixture("unknown setting", "HL0315",
      immich("tier: critical, settings: { storageTemplat: true }"), 26, 45, false,
      immich("tier: critical, settings: { storageTemplate: true }"));
  static final Fixture SETTING_OF_WRONG_TYPE = new Fixture("setting of the wrong type", "HL0315",
      immich("tier: critical, settings: { storageTemplate: \"yes\" }"), 26, 62, false,
      immich("tier: critical, settings: { storageTemplate: false }"));

  // HL0360 backups
  static final Fixture BACKUP_TIME = new Fixture("backup time that is no time of day", "HL0360",
      withBackupJob("to: [local], paths: [/var/lib], at: \"25:00\""), 33, 52, false,
      withBackupJob("to: [local], paths: [/var/lib], at: \"02:00\""));

  static final Fixture BACKUP_SCHEDULE_OUT_OF_RANGE = new Fixture("backup schedule with an hour out of range", "HL0360",
      withBackupJob("to: [local], paths: [/var/lib], schedule: \"Mon 25:00\""), 33, 58, false,
      withBackupJob("to: [local], paths: [/var/lib], schedule: \"Mon *-*-* 03:00\""));
  static final Fixture S3_WITHOUT_CREDENTIALS = new Fixture("S3 repository without credentials", "HL0360",
      withRepository("s3: { endpoint: s3.example.org, bucket: lab-backups }"), 31, 5, false,
      withRepository("s3: { endpoint: s3.example.org, bucket: lab-backups }, credentials: { secret: restic }"));

  // HL0370 dataset properties
  static final Fixture RECORDSIZE = new Fixture("recordsize that is no power of two", "HL0370",
      edit("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, recordsize: 3K }"), 23, 49, false,
      edit("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, recordsize: 16K }"));
  static final Fixture COMPRESSION = new Fixture("unknown compression", "HL0370",
      edit("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, compression: lz5 }"), 23, 50, false,
      edit("vaultwarden: { quota: 2G }", "vaultwarden: { quota: 2G, compression: lz4 }"));

  static final Fixture DATASET_WITHOUT_PARENT = new Fixture("nested dataset without its parent", "HL0370",
      edit("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          media/movies: {}\n"), 24, 11, false,
      edit("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          media: {}\n          media/movies: {}\n"));

  // HL0307 one instance of a kind per host
  static final Fixture SECOND_INSTANCE_OF_A_KIND = new Fixture("second service of one kind on a host", "HL0307",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      photos: { kind: immich, tier: critical, port: 2290 }\n"), 27, 7, false,
      Specs.MINIMAL);

  // HL0308 custom containers
  static final Fixture CONTAINER_WITHOUT_IMAGE = new Fixture("custom container without an image", "HL0308",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300 }\n"), 27, 7, false,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:2 } }\n"));

  // HL0341 one address per service
  static final Fixture TWO_SERVICES_ON_ONE_ADDRESS = new Fixture("two services on one subdomain", "HL0341",
      immich("tier: critical, subdomain: passwords"), 26, 44, false, Specs.MINIMAL);

  // HL0342 single sign-on needs its provider
  static final Fixture SSO_WITHOUT_AUTHELIA = new Fixture("single sign-on on a host without Authelia", "HL0342",
      immich("tier: critical, sso: true"), 26, 33, false, immich("tier: critical"));

  private static final String TRAEFIK_DNS01 = "      proxy: { kind: traefik, tls: acme, dnsToken: { secret: dns } }\n";
  static final Fixture SSO_THAT_TRAEFIK_CANNOT_REDIRECT = new Fixture("oauth2-proxy behind Traefik", "HL0342",
      edit(edit(immich("tier: critical, sso: true"), TAILNET_LINE, TAILNET_LINE + TRAEFIK_DNS01),
          "      immich: { tier: critical, sso: true }\n",
          "      immich: { tier: critical, sso: true }\n      pocket-id: { tier: critical }\n      oauth2-proxy: { tier: critical }\n")
          + "secrets:\n  dns: {}\n  pocket-id/env: {}\n  oauth2-proxy/env: {}\n", 27, 33, false,
      edit(edit(immich("tier: critical, sso: true"), TAILNET_LINE, TAILNET_LINE + TRAEFIK_DNS01),
          "      immich: { tier: critical, sso: true }\n", "      immich: { tier: critical, sso: true }\n      authelia: { tier: critical }\n")
          + "secrets:\n  dns: {}\n  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  authelia/users: {}\n");

  // HL0343 mTLS needs the client CA
  static final Fixture MTLS_WITHOUT_CLIENT_CA = new Fixture("mTLS on a host without a client CA", "HL0343",
      immich("tier: critical, mtls: true"), 26, 33, false, immich("tier: critical"));

  // HL0344 OIDC sign-in needs a kind that supports it and the host's provider
  static final String POCKET_ID = "      pocket-id: { tier: critical }\n";
  static final String OIDC_SECRETS = "secrets:\n  pocket-id/env: {}\n  immich/oidc-client-secret: {}\n";
  static final Fixture OIDC_WITHOUT_PROVIDER = new Fixture("OIDC sign-in on a host without a provider", "HL0344",
      immich("tier: critical, oidc: true") + OIDC_SECRETS, 26, 33, false,
      immich("tier: critical, oidc: true").replace("oidc: true }\n", "oidc: true }\n" + POCKET_ID) + OIDC_SECRETS);
  static final Fixture OIDC_ON_KIND_WITHOUT_IT = new Fixture("OIDC sign-in on a kind without native OIDC", "HL0344",
      edit(IMMICH, IMMICH + "      jellyfin: { oidc: true }\n" + POCKET_ID) + "secrets:\n  pocket-id/env: {}\n", 27, 19, false,
      edit(IMMICH, IMMICH + "      jellyfin: { sso: true }\n" + POCKET_ID) + "secrets:\n  pocket-id/env: {}\n");
  static final Fixture OIDC_TWO_PROVIDERS = new Fixture("OIDC sign-in on a host with two providers", "HL0344",
      immich("tier: critical, oidc: true").replace("oidc: true }\n", "oidc: true }\n" + POCKET_ID
          + "      authelia: { tier: critical }\n") + OIDC_SECRETS
          + "  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  authelia/users: {}\n", 26, 33, false,
      immich("tier: critical, oidc: { provider: pocket-id }").replace("} }\n", "} }\n" + POCKET_ID
          + "      authelia: { tier: critical }\n") + OIDC_SECRETS
          + "  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  authelia/users: {}\n");
  static final Fixture OIDC_PROVIDER_NOT_A_PROVIDER = new Fixture("OIDC provider naming a service that is none", "HL0344",
      immich("tier: critical, oidc: { provider: pocket-idd }").replace("} }\n", "} }\n" + POCKET_ID) + OIDC_SECRETS,
      26, 51, false,
      immich("tier: critical, oidc: { provider: pocket-id }").replace("} }\n", "} }\n" + POCKET_ID) + OIDC_SECRETS);

  // HL0345 the proxy's certificates
  static final Fixture TRAEFIK_WITHOUT_ACME = new Fixture("Traefik with the internal CA", "HL0345",
      edit(TAILNET_LINE, TAILNET_LINE + "      proxy: { kind: traefik }\n"), 19, 22, false,
      edit(TAILNET_LINE, TAILNET_LINE + "      proxy: { kind: traefik, tls: acme, dnsToken: { secret: dns } }\n") + "secrets:\n  dns: {}\n");
  static final Fixture HTTP01_WITHOUT_PUBLIC_SITE = new Fixture("ACME HTTP-01 on a host without public sites", "HL0345",
      edit(TAILNET_LINE, TAILNET_LINE + "      proxy: { tls: acme }\n"), 19, 21, false,
      edit(TAILNET_LINE, TAILNET_LINE + "      proxy: { tls: acme, dnsToken: { secret: dns } }\n") + "secrets:\n  dns: {}\n");

  // HL0390 the spec's own NixOS options
  static final Fixture MISSPELT_OWN_OPTION = new Fixture("own option that NixOS does not have", "HL0390",
      immich("tier: critical, nixos: { services.immich.machineLearning.enable: false }"), 26, 42, false,
      immich("tier: critical, nixos: { services.immich.machine-learning.enable: false }"));

  static final Fixture OWN_OPTION_SET_TWICE = new Fixture("own option written dotted and nested", "HL0390",
      edit(TAILNET_LINE, TAILNET_LINE + "    nixos:\n      services.smartd.enable: true\n      services:\n"
          + "        smartd: { enable: false, autodetect: true }\n"), 21, 7, false,
      edit(TAILNET_LINE, TAILNET_LINE + "    nixos:\n      services.smartd.enable: true\n      services:\n"
          + "        smartd: { autodetect: true }\n"));
  // HL0335 a first account that goes to the first visitor, not yet claimed
  static final Fixture UNCLAIMED_ON_THE_LAN = new Fixture("unclaimed first account served on the LAN by default", "HL0335",
      immich("tier: critical"), 26, 7, true, immich("tier: critical, claimed: true"));
  static final Fixture UNCLAIMED_EXPOSED_PUBLIC = new Fixture("unclaimed first account exposed", "HL0335",
      immich("tier: critical, expose: [lan, tailscale]"), 26, 41, true,
      immich("tier: critical, expose: [tailscale]"));
  static final Fixture CLAIMED_WITHOUT_FIRST_VISITOR = new Fixture("claimed on a kind whose first visitor takes nothing", "HL0335",
      edit(IMMICH, IMMICH + "      sonarr: { claimed: true }\n"), 27, 26, true, edit(IMMICH, IMMICH + "      sonarr: {}\n"));

  /** MINIMAL's host with its own NixOS options: line 19 is {@code nixos:}, the options start on line 20. */
  private static String hostOptions(String lines) {
    return edit(TAILNET_LINE, TAILNET_LINE + "    nixos:\n" + lines);
  }

  static final Fixture MISSPELT_OPTION_OF_A_MODULE_READ_WHOLE = new Fixture("misspelt option below a prefix the catalog knows whole",
      "HL0390", hostOptions("      boot.loader.generic-extlinux-compatible.enabel: true\n"), 20, 7, false,
      hostOptions("      boot.loader.generic-extlinux-compatible.enable: true\n"));
  static final Fixture OPTION_THE_CATALOG_DOES_NOT_LIST = new Fixture("option the catalog does not list, of a module read in part",
      "HL0390", hostOptions("      programs.zsh.syntaxHighlighting.enable: true\n"), 20, 7, true,
      hostOptions("      programs.zsh.ohMyZsh.enable: true\n"));
  static final Fixture SINGLE_VALUE_FOR_A_LIST = new Fixture("single value where the option takes a list", "HL0390",
      hostOptions("      networking.nameservers: 1.1.1.1\n"), 20, 7, false,
      hostOptions("      networking.nameservers: [1.1.1.1]\n"));
  static final Fixture LIST_ITEM_OF_THE_WRONG_TYPE = new Fixture("list item its option's element type does not take", "HL0390",
      hostOptions("      networking.firewall.allowedTCPPorts: [8080, 70000]\n"), 20, 7, false,
      hostOptions("      networking.firewall.allowedTCPPorts: [8080, 8443]\n"));
  static final Fixture PACKAGE_THAT_IS_NO_ATTRIBUTE_PATH = new Fixture("package name that is no attribute path", "HL0390",
      hostOptions("      environment.systemPackages: [nb, \"nb; rm -rf /\"]\n"), 20, 7, false,
      hostOptions("      environment.systemPackages: [nb]\n"));
  static final Fixture OPTION_OF_A_FLAKE_THE_HOST_DOES_NOT_IMPORT = new Fixture("option of a module flake the host does not import",
      "HL0390", hostOptions("      sops.age.sshKeyPaths: [/etc/ssh/ssh_host_ed25519_key]\n"), 20, 7, false,
      withBackupJob("to: [local], paths: [/var/lib], at: \"02:00\"").replace(TAILNET_LINE,
          TAILNET_LINE + "    nixos:\n      sops.age.sshKeyPaths: [/etc/ssh/ssh_host_ed25519_key]\n"));

  static final Fixture OPTION_THE_CHANNEL_DOES_NOT_HAVE = new Fixture("option newer than the lab's channel", "HL0390",
      hostOptions("      services.oauth2-proxy.clientSecretFile: /run/secrets/oauth2-proxy\n")
          .replace("channel: nixos-26.05", "channel: nixos-25.11"), 20, 7, false,
      hostOptions("      services.oauth2-proxy.clientSecretFile: /run/secrets/oauth2-proxy\n"));

  // HL0391 the channel's NixOS release
  static final Fixture CHANNEL_OLDER_THAN_SUPPORTED = new Fixture("channel older than the oldest release supported", "HL0391",
      edit("channel: nixos-26.05", "channel: nixos-24.11"), 5, 12, false, Specs.MINIMAL);
  static final Fixture CHANNEL_THAT_IS_NO_RELEASE = new Fixture("channel that names no NixOS release", "HL0391",
      edit("channel: nixos-26.05", "channel: nixos-25.06"), 5, 12, false, edit("channel: nixos-26.05", "channel: nixos-25.05"));
  static final Fixture CHANNEL_NEWER_THAN_KNOWN = new Fixture("channel newer than the releases homelab knows", "HL0391",
      edit("channel: nixos-26.05", "channel: nixos-26.11"), 5, 12, true, edit("channel: nixos-26.05", "channel: nixos-unstable"));

  // HL0331 exposure that leads nowhere
  static final Fixture TAILSCALE_WITHOUT_TAILNET = new Fixture("tailscale exposure on a host off the tailnet", "HL0331",
      edit("      tailscale: true\n", "      tailscale: false\n"), 26, 7, true, Specs.MINIMAL);

  // HL0380 VPN
  static final Fixture VPN_SERVICE_WITHOUT_VPN = new Fixture("VPN-only service without VPN", "HL0380",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      deluge: { tier: critical }\n"), 27, 7, false,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      deluge: { tier: critical, " + VPN + " }\n") + VPN_SECRET);
  static final Fixture VPN_SERVICE_PUBLIC = new Fixture("VPN-confined service exposed public", "HL0380",
      edit(Specs.MINIMAL.replace(IMMICH, IMMICH + "      deluge: { tier: critical, expose: [public], " + VPN + " }\n") + VPN_SECRET,
          "      tailscale: true\n", "      tailscale: true\n      proxy: { tls: acme }\n"), 28, 41, false,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      deluge: { tier: critical, expose: [lan], " + VPN + " }\n") + VPN_SECRET);

  // HL0300 field constraints
  static final Fixture NO_STATE_VERSION = new Fixture("host without stateVersion", "HL0300",
      edit("    stateVersion: \"25.05\"\n", ""), 13, 3, false, Specs.MINIMAL);
  static final Fixture PORT_OUT_OF_RANGE = new Fixture("port out of range", "HL0300",
      immich("tier: critical, port: 70000"), 26, 39, false, immich("tier: critical, port: 7000"));
  static final Fixture BAD_AGE_RECIPIENT = new Fixture("malformed age recipient", "HL0300",
      edit("age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq", "age: age1notarecipient"), 9, 10, false,
      Specs.MINIMAL);

  static final Fixture SOPS_RULE_WITHOUT_REGEX = new Fixture("sops rule without pathRegex", "HL0300",
      Specs.MINIMAL + "sops:\n  rules:\n    - { admins: [alice] }\n", 29, 7, false,
      Specs.MINIMAL + "sops:\n  rules:\n    - { pathRegex: shared/.*, admins: [alice] }\n");

  // HL0300 values checked by meaning (model.constraints): addresses, ranges, names, paths
  private static final String LAN = "      lan: { interfaces: [enp1s0], ranges: [192.168.1.0/24] }\n";

  private static String lan(String interfaces, String ranges) {
    return edit(LAN, "      lan: { interfaces: [" + interfaces + "], ranges: [" + ranges + "] }\n");
  }

  static final Fixture RELATIVE_BACKUP_PATH = new Fixture("relative backup path", "HL0300",
      withBackupJob("to: [local], paths: [var/lib], at: \"02:00\""), 33, 37, false,
      withBackupJob("to: [local], paths: [/var/lib], at: \"02:00\""));
  static final Fixture RANGE_PREFIX_TOO_LONG = new Fixture("LAN range with a prefix longer than 32 bits", "HL0300",
      lan("enp1s0", "10.0.0.0/33"), 17, 45, false, lan("enp1s0", "10.0.0.0/8"));
  static final Fixture RANGE_OCTET_ABOVE_255 = new Fixture("LAN range with a number above 255", "HL0300",
      lan("enp1s0", "300.1.2.0/24"), 17, 45, false, Specs.MINIMAL);
  static final Fixture RANGE_WITH_HOST_BITS = new Fixture("LAN range with host bits set", "HL0300",
      lan("enp1s0", "192.168.1.5/24"), 17, 45, true, Specs.MINIMAL);
  static final Fixture IPV6_RANGE_WITH_TWO_GAPS = new Fixture("IPv6 LAN range with `::` twice", "HL0300",
      lan("enp1s0", "fd00::1::/64"), 17, 45, false, lan("enp1s0", "fd00:0:0:1::/64"));
  static final Fixture INTERFACE_NAME_TOO_LONG = new Fixture("interface name of 16 characters", "HL0300",
      lan("enp0s20f0u1u2c2x", "192.168.1.0/24"), 17, 27, false, lan("enp0s20f0u1u2c2", "192.168.1.0/24"));
  static final Fixture DOMAIN_LABEL_ENDING_IN_HYPHEN = new Fixture("domain with a label ending in `-`", "HL0300",
      edit("domain: example.org", "domain: lab-.example.org"), 3, 11, false, edit("domain: example.org", "domain: lab.example.org"));
  static final Fixture MOUNTPOINT_WITH_TRAILING_SLASH = new Fixture("dataset mountpoint ending in `/`", "HL0300",
      edit("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          web: { mountpoint: /srv/web/ }\n"),
      24, 30, false, edit("          vaultwarden: { quota: 2G }\n", "          vaultwarden: { quota: 2G }\n          web: { mountpoint: /srv/web }\n"));
  static final Fixture PERSIST_CLIMBING_OUT = new Fixture("impermanence persist path with `..`", "HL0300",
      afterHostId("    impermanence: { persist: /persist/../etc }\n"), 16, 30, false,
      afterHostId("    impermanence: { persist: /persist }\n"));
  static final Fixture GRUB_DEVICE_NOT_A_PATH = new Fixture("GRUB device that is no path", "HL0300",
      afterHostId("    boot: { loader: grub, device: sda }\n"), 16, 35, false,
      afterHostId("    boot: { loader: grub, device: /dev/sda }\n"));
  static final Fixture SFTP_HOST_WITH_UNDERSCORE = new Fixture("sftp host with `_`", "HL0300",
      withRepository("sftp: { host: nas_1, path: /srv/restic, key: { secret: restic } }"), 31, 28, false,
      withRepository("sftp: { host: nas-1, path: /srv/restic, key: { secret: restic } }"));
  static final Fixture VPN_ADDRESS_ABOVE_255 = new Fixture("VPN interface address with a number above 255", "HL0300",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      deluge: { tier: critical, " + VPN.substring(0, VPN.length() - 2) + ", addresses: [10.14.0.300/16] }" + " }\n")
          + VPN_SECRET, 27, 100, false,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      deluge: { tier: critical, " + VPN.substring(0, VPN.length() - 2) + ", addresses: [10.14.0.2/16] }" + " }\n")
          + VPN_SECRET);
  static final Fixture ACME_EMAIL_WITHOUT_DOMAIN = new Fixture("ACME email on a one-label domain", "HL0300",
      edit(TAILNET_LINE, TAILNET_LINE + "      proxy: { tls: acme, dnsToken: { secret: dns }, acmeEmail: admin@localhost }\n")
          + "secrets:\n  dns: {}\n", 19, 65, false,
      edit(TAILNET_LINE, TAILNET_LINE + "      proxy: { tls: acme, dnsToken: { secret: dns }, acmeEmail: admin@example.org }\n")
          + "secrets:\n  dns: {}\n");

  // HL0360, HL0315 and HL0308: values inside compound strings, by the same checks
  static final Fixture S3_ENDPOINT_PORT_OUT_OF_RANGE = new Fixture("S3 endpoint with port 99999", "HL0360",
      withRepository("s3: { endpoint: \"https://minio.lan:99999\", bucket: lab-backups }, credentials: { secret: restic }"), 31, 30, false,
      withRepository("s3: { endpoint: \"https://minio.lan:9000\", bucket: lab-backups }, credentials: { secret: restic }"));
  static final Fixture SETTING_PATH_WITH_TRAILING_SLASH = new Fixture("path setting ending in `/`", "HL0315",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      jellyfin: { tier: critical, settings: { cacheDir: /var/cache/jellyfin/ } }\n"), 27, 57, false,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      jellyfin: { tier: critical, settings: { cacheDir: /var/cache/jellyfin } }\n"));
  static final Fixture VOLUME_CLIMBING_OUT = new Fixture("container volume with `..`", "HL0308",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:2,"
          + " volumes: [\"/srv/wiki/../etc:/data\"] } }\n"), 27, 98, false,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:2,"
          + " volumes: [\"/srv/wiki:/data\"] } }\n"));

  // HL0395 replication to a host of the spec with a pool, of declared datasets, with a declared key
  // (Replicated datasets need snapshots: vaultwarden's dataset takes its tier's policy.)
  static final String REPLICATING = edit(IMMICH, IMMICH
      + "    replication: { to: nas, datasets: [tank/vaultwarden], sshKey: { secret: syncoid } }\n"
      + "  nas:\n    stateVersion: \"25.05\"\n    hostId: 1a2b3c4d\n"
      + "    storage: { vault: { size: 8T, datasets: { backups: { mountpoint: none } } } }\n")
      .replace("critical: { phase: 1 }", "critical: { phase: 1, snapshots: keep }")
      + "secrets:\n  syncoid: {}\nsnapshots:\n  keep: { daily: 7 }\n";
  static final Fixture REPLICATION_TO_UNKNOWN_HOST = new Fixture("replication to a host the spec lacks", "HL0395",
      REPLICATING.replace("to: nas,", "to: nass,"), 27, 24, false, REPLICATING);
  static final Fixture REPLICATION_TO_IPV6_ADDRESS = new Fixture("replication address that is an IPv6 literal", "HL0300",
      REPLICATING.replace("to: nas,", "to: nas, address: \"fd00::20\","), 27, 38, false,
      REPLICATING.replace("to: nas,", "to: nas, address: nas.lan,"));

  // HL0494 a backup job stops what runs where it runs
  static final Fixture BACKUP_STOPS_UNKNOWN_SERVICE = new Fixture("backup job stopping a service no host runs", "HL0494",
      withBackupJob("services: [vaultwarden], to: [local], stop: [vaultwardn]"), 33, 61, false,
      withBackupJob("services: [vaultwarden], to: [local], stop: [vaultwarden]"));

  // HL0396 a preseed restores from a declared repository
  static final Fixture PRESEED_FROM_UNKNOWN_REPOSITORY = new Fixture("preseed from an unknown repository", "HL0396",
      withBackupJob("services: [vaultwarden], to: [local]").replace("dataset: tank/vaultwarden }",
          "dataset: tank/vaultwarden, preseed: { from: restic, repository: locl } }"), 25, 117, false,
      withBackupJob("services: [vaultwarden], to: [local]").replace("dataset: tank/vaultwarden }",
          "dataset: tank/vaultwarden, preseed: { from: restic, repository: local } }"));

  // HL0396 a preseed from syncoid receives a dataset the host replicates
  static final Fixture PRESEED_FROM_SYNCOID_OF_UNREPLICATED_DATASET = new Fixture(
      "preseed from syncoid of a dataset the host does not replicate", "HL0396",
      edit(REPLICATING.replace("datasets: [tank/vaultwarden]", "datasets: [tank/media]"), "vaultwarden: { quota: 2G }\n",
          "vaultwarden: { quota: 2G }\n          media: { mountpoint: /data/media }\n")
          .replace("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, preseed: { from: syncoid } }"), 26, 80, false,
      REPLICATING.replace("dataset: tank/vaultwarden }", "dataset: tank/vaultwarden, preseed: { from: syncoid } }"));

  // HL04xx the fleet: roles, packages, flake inputs
  private static final String STATE_LINE = "    stateVersion: \"25.05\"\n";

  /** MINIMAL with host lines inserted before {@code stateVersion} (they start at line 14). */
  private static String hostLines(String lines) {
    return edit(STATE_LINE, lines + STATE_LINE);
  }

  private static final String STYLIX = "flake:\n  inputs:\n    stylix:\n"
      + "      url: github:nix-community/stylix\n      modules: { nixos: stylix.nixosModules.stylix }\n";
  private static final String NVF = "flake:\n  inputs:\n    nvf:\n      url: github:NotAShelf/nvf\n"
      + "      modules: { nixos: nvf.nixosModules.default }\n      options: [programs.nvf]\n";

  static final Fixture DESKTOP_ON_A_SERVER = new Fixture("desktop environment on a server", "HL0400",
      hostLines("    desktop: { environment: gnome }\n"), 14, 5, false,
      hostLines("    desktop: { environment: gnome }\n    force: [desktop]\n"));
  static final Fixture PI_THAT_IS_NOT_AARCH64 = new Fixture("pi without aarch64-linux", "HL0401",
      hostLines("    role: pi\n"), 14, 11, false, hostLines("    role: pi\n    system: aarch64-linux\n"));
  static final Fixture PROXY_ON_A_LAPTOP = new Fixture("reverse proxy on a laptop", "HL0402",
      edit(hostLines("    role: laptop\n"), TAILNET_LINE, TAILNET_LINE + "      proxy: { kind: caddy }\n"), 20, 7, false,
      edit(hostLines("    role: laptop\n    force: [proxy]\n"), TAILNET_LINE, TAILNET_LINE + "      proxy: { kind: caddy }\n"));
  static final Fixture PUBLIC_SERVICE_ON_A_LAPTOP = new Fixture("public service on a laptop", "HL0402",
      edit(hostLines("    role: laptop\n"), IMMICH, "      immich: { tier: critical, claimed: true, expose: [lan, public] }\n"), 27, 56, false,
      edit(hostLines("    role: laptop\n"), IMMICH, "      immich: { tier: critical, claimed: true, expose: [lan] }\n"));
  static final Fixture BOOT_ON_A_PI = new Fixture("boot loader given to a pi", "HL0403",
      hostLines("    role: pi\n    system: aarch64-linux\n    boot: { loader: grub, device: /dev/sda }\n"), 16, 5, false,
      hostLines("    role: pi\n    system: aarch64-linux\n"));
  static final Fixture UNKNOWN_HARDWARE_MODEL = new Fixture("hardware model nixos-hardware lacks", "HL0404",
      hostLines("    role: pi\n    system: aarch64-linux\n    hardware: { model: raspberry-pi4 }\n"), 16, 24, false,
      hostLines("    role: pi\n    system: aarch64-linux\n    hardware: { model: raspberry-pi-4 }\n"));
  static final Fixture PI_MODEL_ON_A_SERVER = new Fixture("Raspberry Pi model on a server", "HL0404",
      hostLines("    hardware: { model: raspberry-pi-4 }\n"), 14, 24, false,
      hostLines("    hardware: { model: intel-nuc-8i7beh }\n"));
  static final Fixture PACKAGE_WITH_PKGS_PREFIX = new Fixture("package written with pkgs.", "HL0405",
      hostLines("    packages: [htop, \"pkgs.nb\"]\n"), 14, 22, false, hostLines("    packages: [htop, nb]\n"));
  static final Fixture INPUT_FROM_A_PATH = new Fixture("flake input from a local path", "HL0406",
      Specs.MINIMAL + STYLIX.replace("github:nix-community/stylix", "path:/home/alice/stylix"), 30, 12, false,
      Specs.MINIMAL + STYLIX);
  static final Fixture INPUT_NAMED_LIKE_A_BUILT_IN = new Fixture("flake input named like one homelab adds", "HL0406",
      Specs.MINIMAL + STYLIX.replace("    stylix:", "    disko:").replace("stylix.nixosModules", "disko.nixosModules"), 29, 5, false,
      Specs.MINIMAL + STYLIX);
  static final Fixture UNKNOWN_INPUT_IN_USE = new Fixture("host using an input the flake lacks", "HL0407",
      hostLines("    use: [stilix]\n") + STYLIX, 14, 11, false, hostLines("    use: [stylix]\n") + STYLIX);
  static final Fixture INPUT_FOLLOWING_AN_UNKNOWN_INPUT = new Fixture("input following an input the flake lacks", "HL0407",
      Specs.MINIMAL + STYLIX + "      follows: [nixpgks]\n", 32, 17, false, Specs.MINIMAL + STYLIX + "      follows: [nixpkgs]\n");
  static final Fixture INPUT_OPTION_ON_A_HOST_WITHOUT_IT = new Fixture("option of an input the host does not use", "HL0408",
      hostLines("    nixos: { programs.nvf.enable: true }\n") + NVF, 14, 14, false,
      hostLines("    use: [nvf]\n    nixos: { programs.nvf.enable: true }\n") + NVF);
  // HL0480 deploy.hosts names hosts of the spec
  static final Fixture DEPLOY_UNKNOWN_HOST = new Fixture("deploy override of a host the spec lacks", "HL0480",
      Specs.MINIMAL + "deploy:\n  engine: colmena\n  hosts:\n    nuk: { targetHost: 10.0.0.2 }\n", 30, 5, false,
      Specs.MINIMAL + "deploy:\n  engine: colmena\n  hosts:\n    nuc: { targetHost: 10.0.0.2 }\n");

  // HL0481 a nix-darwin host is not deployed by colmena or deploy-rs
  private static final String WITH_MAC = edit(IMMICH, IMMICH + "  mac:\n    system: aarch64-darwin\n    stateVersion: \"25.05\"\n");
  static final Fixture DEPLOY_DARWIN_HOST = new Fixture("deploy override of a darwin host", "HL0481",
      WITH_MAC + "deploy:\n  engine: colmena\n  hosts:\n    mac: { targetHost: mac.lan }\n", 33, 5, false,
      WITH_MAC + "deploy:\n  engine: colmena\n  hosts:\n    mac: false\n");

  // HL0482 a setting the engine does not have
  static final Fixture DEPLOY_TAGS_WITHOUT_COLMENA = new Fixture("colmena tags with deploy-rs", "HL0482",
      Specs.MINIMAL + "deploy:\n  engine: deploy-rs\n  hosts:\n    nuc: { tags: [web] }\n", 30, 18, false,
      Specs.MINIMAL + "deploy:\n  engine: colmena\n  hosts:\n    nuc: { tags: [web] }\n");

  // HL0483 the engine logs in as an admin
  static final Fixture DEPLOY_AS_NON_ADMIN = new Fixture("deploy as someone who is not an admin", "HL0483",
      Specs.MINIMAL + "deploy:\n  engine: colmena\n  targetUser: alicia\n", 29, 15, false,
      Specs.MINIMAL + "deploy:\n  engine: colmena\n  targetUser: alice\n");

  // HL0420 the hosts a person names are hosts of the spec, and a profile's hosts are the person's
  private static final String ALICE_AGE = "    age: age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n";
  static final Fixture PERSON_ON_UNKNOWN_HOST = new Fixture("person on a host the spec lacks", "HL0420",
      edit(ALICE_AGE, ALICE_AGE + "    hosts: [nucc]\n"), 10, 13, false, edit(ALICE_AGE, ALICE_AGE + "    hosts: [nuc]\n"));
  /** MINIMAL with a desktop {@code desk} (lines 27-28) and alice's {@code hosts} and home profile (lines 10-11). */
  private static String withDesk(String aliceHosts, String homeHosts) {
    return edit(ALICE_AGE, ALICE_AGE + "    hosts: [" + aliceHosts + "]\n"
        + "    home: { stateVersion: \"25.05\", hosts: [" + homeHosts + "] }\n")
        + "  desk:\n    role: desktop\n    stateVersion: \"25.05\"\n";
  }
  static final Fixture HOME_ON_A_HOST_THE_PERSON_IS_NOT_ON = new Fixture("home profile on a host its person is not on",
      "HL0420", withDesk("nuc", "desk"), 11, 44, false, withDesk("nuc, desk", "desk"));

  // HL0421 a home profile that applies on no host
  static final Fixture HOME_PROFILE_ON_NO_HOST = new Fixture("home profile where nobody sits", "HL0421",
      edit(ALICE_AGE, ALICE_AGE + "    home: { stateVersion: \"25.05\" }\n"), 10, 5, true,
      edit(ALICE_AGE, ALICE_AGE + "    home: { stateVersion: \"25.05\", hosts: [nuc] }\n"));

  // HL0422 a Mac has none of NixOS's parts, and nothing of NixOS's points at it
  /** MINIMAL with a Mac {@code mac} at lines 27-29 and {@code extra} from line 30. */
  static String withMac(String stateVersion, String extra) {
    return Specs.MINIMAL + "  mac:\n    system: aarch64-darwin\n    stateVersion: \"" + stateVersion + "\"\n" + extra;
  }
  static final Fixture MAC_WITH_NIXOS_OPTIONS = new Fixture("NixOS options on a Mac", "HL0422",
      withMac("6", "    nixos: { services.openssh.enable: true }\n"), 30, 5, false,
      withMac("6", "    darwin: { system.primaryUser: alice }\n"));
  static final Fixture REPLICATION_TO_A_MAC = new Fixture("replication to a Mac", "HL0422",
      edit(withMac("6", ""), IMMICH, IMMICH
          + "    replication: { to: mac, datasets: [tank/vaultwarden], sshKey: { secret: syncoid } }\n")
          .replace("critical: { phase: 1 }", "critical: { phase: 1, snapshots: keep }")
          + "secrets:\n  syncoid: {}\nsnapshots:\n  keep: { daily: 7 }\n", 27, 24, false, REPLICATING);

  // HL0423 a host's fields agree with its platform
  static final Fixture NIXOS_RELEASE_AS_A_MACS_STATE_VERSION = new Fixture("NixOS release as a Mac's state version",
      "HL0423", withMac("25.05", ""), 29, 19, false, withMac("6", ""));
  static final Fixture HOMEBREW_ON_NIXOS = new Fixture("homebrew on a NixOS host", "HL0423",
      edit("    stateVersion: \"25.05\"\n    hostId", "    stateVersion: \"25.05\"\n    homebrew: { casks: [firefox] }\n    hostId"),
      15, 5, false, Specs.MINIMAL);

  // HL0424 a Mac's own options are nix-darwin's, with fitting values
  static final Fixture DARWIN_OPTION_OF_WRONG_TYPE = new Fixture("nix-darwin option of the wrong type", "HL0424",
      withMac("6", "    darwin: { homebrew.enable: \"yes\" }\n"), 30, 15, false,
      withMac("6", "    darwin: { homebrew.enable: true }\n"));
  // HL0440-HL0443 sync: a second host `pc`, a folder both share and a notebook on pc from nuc's Forgejo.
  static final String DEVICE_NUC = "4SSFFJJ-BMJIN5E-QXQPQ6U-LCG7EVS-DRHMCSF-DKPLPHR-B6TBRBF-NGURCQH";
  static final String DEVICE_PC = "7BNW2AG-5GKMEFX-WRD6CDQ-GDRXKW4-2FAPMNQ-AB3O5CF-OO3P7LQ-VCMWKQZ";
  static final String SYNCING = edit(IMMICH, IMMICH + "      forgejo: { tier: critical }\n") + """
        pc:
          stateVersion: "25.05"
          network: { lan: { interfaces: [eno1], ranges: [192.168.1.0/24] }, tailscale: true }
      sync:
        syncthing:
          devices:
      """ + "      nuc: { id: " + DEVICE_NUC + " }\n" + "      pc: { id: " + DEVICE_PC + ", user: alice }\n" + """
          folders:
            documents: { hosts: [nuc, pc], path: ~/Documents }
        git:
          notes: { path: ~/notes, hosts: [pc], remote: { host: nuc, repo: alice/notes } }
      """;
  static final Fixture SYNC_FOLDER_ON_UNKNOWN_HOST = new Fixture("sync folder on a host the spec lacks", "HL0440",
      SYNCING.replace("hosts: [nuc, pc], path", "hosts: [nuc, pcc], path"), 37, 33, false, SYNCING);
  static final Fixture SYNC_FOLDER_HOST_WITHOUT_DEVICE = new Fixture("sync folder on a host without a device", "HL0441",
      SYNCING.replace("      pc: { id: " + DEVICE_PC + ", user: alice }\n", ""), 36, 33, false,
      SYNCING.replace("hosts: [nuc, pc], path", "hosts: [nuc], paths: { pc: /srv/documents }, path")
          .replace("      pc: { id: " + DEVICE_PC + ", user: alice }\n", "      pc: { id: " + DEVICE_PC + " }\n")
          .replace("remote: { host: nuc,", "user: alice, remote: { host: nuc,"));
  static final Fixture SYNC_DEVICE_ID_MISTYPED = new Fixture("device id whose check characters do not match", "HL0441",
      SYNCING.replace(DEVICE_PC, DEVICE_PC.substring(0, DEVICE_PC.length() - 1) + "A"), 35, 17, false, SYNCING);
  static final Fixture SYNC_DEVICE_ID_SHAPE = new Fixture("device id that is not eight groups of seven", "HL0300",
      SYNCING.replace(DEVICE_NUC, DEVICE_NUC.toLowerCase(java.util.Locale.ROOT)), 34, 18, false, SYNCING);
  static final Fixture SYNC_REMOTE_WITHOUT_FORGEJO = new Fixture("git remote on a host without Forgejo", "HL0442",
      SYNCING.replace("remote: { host: nuc,", "remote: { host: pc,"), 39, 58, false, SYNCING);
  static final Fixture SYNC_RELATIVE_PATH = new Fixture("sync folder path that is neither absolute nor in the home",
      "HL0443", SYNCING.replace("path: ~/Documents", "path: Documents"), 37, 44, false, SYNCING);
  static final Fixture SYNC_REPOSITORY_INSIDE_FOLDER = new Fixture("repository inside a Syncthing folder", "HL0443",
      SYNCING.replace("path: ~/notes", "path: ~/Documents/notes"), 39, 20, false, SYNCING);
  // HL0460-HL0462 the fleet's monitoring
  /** MINIMAL with Prometheus on nuc (line 27) and `monitoring:` (line 28) naming nuc (line 29). */
  private static final String MONITORED = edit(IMMICH, IMMICH + "      prometheus: {}\n") + "monitoring:\n  host: nuc\n";
  private static final String MAC = "  mac:\n    system: aarch64-darwin\n    stateVersion: \"25.05\"\n";
  private static final String BOX = "  box:\n    stateVersion: \"25.05\"\n    network:\n"
      + "      lan: { interfaces: [eth0], ranges: [192.168.1.0/24] }\n";

  static final Fixture MONITORING_ON_UNKNOWN_HOST = new Fixture("monitoring on a host the spec lacks", "HL0460",
      MONITORED.replace("  host: nuc\n", "  host: nucc\n"), 29, 9, false, MONITORED);
  static final Fixture MONITORING_HOST_WITHOUT_PROMETHEUS = new Fixture("monitoring host that runs no Prometheus",
      "HL0460", Specs.MINIMAL + "monitoring:\n  host: nuc\n", 28, 9, false, MONITORED);
  static final Fixture MONITORING_ON_A_DARWIN_HOST = new Fixture("monitoring on a darwin host", "HL0460",
      MONITORED.replace("monitoring:\n  host: nuc\n", MAC + "monitoring:\n  host: mac\n"), 32, 9, false,
      MONITORED.replace("monitoring:\n", MAC + "monitoring:\n"));
  static final Fixture NOTIFICATIONS_WITHOUT_ALERTMANAGER = new Fixture("notifications without Alertmanager", "HL0461",
      MONITORED + "  notifications:\n    discord: { webhook: { secret: hook } }\nsecrets:\n  hook: {}\n", 30, 3, false,
      MONITORED.replace("      prometheus: {}\n", "      prometheus: {}\n      alertmanager: {}\n")
          + "  notifications:\n    discord: { webhook: { secret: hook } }\nsecrets:\n  hook: {}\n");
  static final Fixture SCRAPED_HOST_OFF_THE_TAILNET = new Fixture("scraped host off the tailnet", "HL0462",
      MONITORED.replace("monitoring:\n", BOX + "monitoring:\n"), 28, 3, false,
      MONITORED.replace("monitoring:\n", BOX + "      tailscale: true\nmonitoring:\n"));

  /** Every fixture, in declaration order. */
  // HL0381 no login of its own
  static final Fixture NO_LOGIN_ON_LAN = new Fixture("service without a login exposed on the LAN", "HL0381",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      prometheus: { tier: critical, expose: [lan, tailscale] }\n"), 27, 45, true,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      prometheus: { tier: critical, expose: [tailscale] }\n"));
  static final Fixture NO_LOGIN_BY_DEFAULT_EXPOSURE = new Fixture("service without a login on the LAN by its default exposure", "HL0381",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      sonarr: { tier: critical }\n"), 27, 7, true,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      sonarr: { tier: critical, expose: [tailscale] }\n"));
  static final Fixture NO_LOGIN_PUBLIC = new Fixture("service without a login exposed public", "HL0381",
      edit(Specs.MINIMAL.replace(IMMICH, IMMICH + "      prometheus: { tier: critical, expose: [lan, public] }\n"),
          TAILNET_LINE, TAILNET_LINE + "      proxy: { tls: acme }\n"), 28, 45, false,
      edit(Specs.MINIMAL.replace(IMMICH, IMMICH + "      prometheus: { tier: critical, expose: [tailscale] }\n"),
          TAILNET_LINE, TAILNET_LINE + "      proxy: { tls: acme }\n"));

  // HL0382 unpinned container image
  static final Fixture IMAGE_TAGGED_LATEST = new Fixture("container image tagged latest", "HL0382",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:latest } }\n"), 27, 64, true,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: ghcr.io/example/wiki:2.1 } }\n"));
  static final Fixture IMAGE_WITHOUT_TAG = new Fixture("container image without a tag", "HL0382",
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: localhost:5000/wiki } }\n"), 27, 64, true,
      Specs.MINIMAL.replace(IMMICH, IMMICH + "      wiki: { kind: container, port: 8300, container: { image: localhost:5000/wiki@sha256:"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef } }\n"));

  // HL0383 SSH password login
  static final Fixture SSH_PASSWORD_LOGIN = new Fixture("SSH password login through nixos:", "HL0383",
      edit("  nuc:\n", "  nuc:\n    nixos:\n      services.openssh.settings.PasswordAuthentication: true\n"), 15, 57, true,
      edit("  nuc:\n", "  nuc:\n    nixos:\n      services.openssh.settings.PasswordAuthentication: false\n"));
  static final Fixture SSH_KEYBOARD_INTERACTIVE = new Fixture("SSH keyboard-interactive login nested under a service's nixos:", "HL0383",
      edit(IMMICH, "      immich: { tier: critical, claimed: true, nixos: { services: { openssh: { settings: { KbdInteractiveAuthentication: true } } } } }\n"),
      26, 122, true, Specs.MINIMAL);

  // HL0384 a firewall port no service needs
  static final Fixture PORT_NO_SERVICE_NEEDS = new Fixture("firewall port opened that no service needs", "HL0384",
      edit("  nuc:\n", "  nuc:\n    nixos:\n      networking.firewall.allowedTCPPorts: [22, 8000, 9999]\n"), 15, 55, true,
      edit("  nuc:\n", "  nuc:\n    nixos:\n      networking.firewall.allowedTCPPorts: [22, 8000]\n"));
  static final Fixture UDP_PORT_ON_INTERFACE = new Fixture("UDP port opened on an interface that no service needs", "HL0384",
      edit("  nuc:\n", "  nuc:\n    nixos:\n      networking.firewall.interfaces.enp1s0.allowedUDPPorts: [51820]\n"), 15, 63, true,
      Specs.MINIMAL);

  // HL0385 a secret's file readable beyond its reader (lines 27.. appended to MINIMAL)
  static final Fixture SECRET_READABLE_BY_EVERYONE = new Fixture("secret file readable by every user of the host", "HL0385",
      Specs.MINIMAL + "secrets:\n  vaultwarden/admin-env: { mode: \"0444\" }\n", 28, 34, true,
      Specs.MINIMAL + "secrets:\n  vaultwarden/admin-env: { mode: \"0440\" }\n");
  static final Fixture SECRET_READABLE_BY_A_GROUP = new Fixture("secret file readable by a group other than its owner's", "HL0385",
      Specs.MINIMAL + "secrets:\n  vaultwarden/admin-env: { owner: vaultwarden, group: users, mode: \"0440\" }\n", 28, 68, true,
      Specs.MINIMAL + "secrets:\n  vaultwarden/admin-env: { owner: vaultwarden, group: users, mode: \"0400\" }\n");

  static List<Fixture> all() {
    return List.of(SECRET_READABLE_BY_EVERYONE, SECRET_READABLE_BY_A_GROUP, PORT_NO_SERVICE_NEEDS, UDP_PORT_ON_INTERFACE, SSH_PASSWORD_LOGIN, SSH_KEYBOARD_INTERACTIVE, IMAGE_TAGGED_LATEST, IMAGE_WITHOUT_TAG, NO_LOGIN_ON_LAN, NO_LOGIN_BY_DEFAULT_EXPOSURE, NO_LOGIN_PUBLIC,ADMIN_NAME_WITH_CAPITALS, SUBDOMAIN_NOT_A_LABEL, UNKNOWN_KIND, SERVICE_NAMED_AFTER_NO_KIND,
        UNKNOWN_TIER, UNKNOWN_DATASET, UNKNOWN_REPOSITORY, PORT_OF_TWO_SERVICES, PORT_IS_CATALOG_DEFAULT, PORT_OF_SSH,
        HOST_ID_NOT_HEX, ZFS_HOST_WITHOUT_HOST_ID, QUOTA_ABOVE_POOL, QUOTAS_OVERCOMMIT_POOL, QUOTAS_LEAVE_LITTLE_FREE,
        CHILD_QUOTA_ABOVE_PARENT, NEW_POOL_WITHOUT_DEVICES, DEVICE_NOT_BY_ID, DEVICE_LISTED_TWICE, DEVICE_IN_TWO_POOLS,
        TOO_FEW_DEVICES, SINGLE_ON_TWO_DEVICES, EXISTING_POOL_WITH_DEVICES, BTRFS_DEVICE_NOT_BY_ID,
        BTRFS_DEVICE_OF_A_POOL, PERSIST_ON_A_SUBVOLUME_MOUNTPOINT, BTRFS_ROOT_WITH_GRUB,
        ROLLBACK_DATASET_ALSO_PERSISTENT, PERSIST_ON_NO_PERSISTENT_DATASET, ZFS_ROOT_WITHOUT_HOST_ID, ZFS_ROOT_DEVICE_NOT_BY_ID,
        DESKTOP_ADMIN_WITHOUT_PASSWORD, MOUNTPOINT_CLASH, INHERITED_MOUNTPOINT_CLASH,
        PUBLIC_WITHOUT_TLS, PASTED_PASSWORD, PRIVATE_KEY, PASSWORD_IN_CONTAINER_ENVIRONMENT, TOKEN_IN_OWN_OPTIONS,
        UNKNOWN_SETTING, SETTING_OF_WRONG_TYPE, BACKUP_TIME, RELATIVE_BACKUP_PATH, BACKUP_SCHEDULE_OUT_OF_RANGE,
        S3_WITHOUT_CREDENTIALS, RECORDSIZE, COMPRESSION, VPN_SERVICE_WITHOUT_VPN, VPN_SERVICE_PUBLIC, NO_STATE_VERSION,
        PORT_OUT_OF_RANGE, BAD_AGE_RECIPIENT, SOPS_RULE_WITHOUT_REGEX, DATASET_WITHOUT_PARENT, TAILSCALE_WITHOUT_TAILNET,
        SECOND_INSTANCE_OF_A_KIND, MISSPELT_OWN_OPTION, OWN_OPTION_SET_TWICE, MISSPELT_OPTION_OF_A_MODULE_READ_WHOLE,
        OPTION_THE_CATALOG_DOES_NOT_LIST, SINGLE_VALUE_FOR_A_LIST, LIST_ITEM_OF_THE_WRONG_TYPE,
        PACKAGE_THAT_IS_NO_ATTRIBUTE_PATH, OPTION_OF_A_FLAKE_THE_HOST_DOES_NOT_IMPORT, OPTION_THE_CHANNEL_DOES_NOT_HAVE,
        CHANNEL_OLDER_THAN_SUPPORTED, CHANNEL_THAT_IS_NO_RELEASE, CHANNEL_NEWER_THAN_KNOWN,
        CONTAINER_WITHOUT_IMAGE,
        UNCLAIMED_ON_THE_LAN, UNCLAIMED_EXPOSED_PUBLIC, CLAIMED_WITHOUT_FIRST_VISITOR,
        TWO_SERVICES_ON_ONE_ADDRESS, SSO_WITHOUT_AUTHELIA, SSO_THAT_TRAEFIK_CANNOT_REDIRECT,
        MTLS_WITHOUT_CLIENT_CA, OIDC_WITHOUT_PROVIDER, OIDC_ON_KIND_WITHOUT_IT, OIDC_TWO_PROVIDERS,
        OIDC_PROVIDER_NOT_A_PROVIDER, TRAEFIK_WITHOUT_ACME, HTTP01_WITHOUT_PUBLIC_SITE,
        REPLICATION_TO_UNKNOWN_HOST, BACKUP_STOPS_UNKNOWN_SERVICE, PRESEED_FROM_UNKNOWN_REPOSITORY,
        PRESEED_FROM_SYNCOID_OF_UNREPLICATED_DATASET, RANGE_PREFIX_TOO_LONG, RANGE_OCTET_ABOVE_255, RANGE_WITH_HOST_BITS,
        IPV6_RANGE_WITH_TWO_GAPS, INTERFACE_NAME_TOO_LONG, DOMAIN_LABEL_ENDING_IN_HYPHEN, MOUNTPOINT_WITH_TRAILING_SLASH,
        PERSIST_CLIMBING_OUT, GRUB_DEVICE_NOT_A_PATH, REPLICATION_TO_IPV6_ADDRESS, SFTP_HOST_WITH_UNDERSCORE,
        VPN_ADDRESS_ABOVE_255, ACME_EMAIL_WITHOUT_DOMAIN, S3_ENDPOINT_PORT_OUT_OF_RANGE, SETTING_PATH_WITH_TRAILING_SLASH,
        VOLUME_CLIMBING_OUT, DESKTOP_ON_A_SERVER, PI_THAT_IS_NOT_AARCH64, PROXY_ON_A_LAPTOP, PUBLIC_SERVICE_ON_A_LAPTOP,
        BOOT_ON_A_PI, UNKNOWN_HARDWARE_MODEL, PI_MODEL_ON_A_SERVER, PACKAGE_WITH_PKGS_PREFIX, INPUT_FROM_A_PATH,
        INPUT_NAMED_LIKE_A_BUILT_IN, UNKNOWN_INPUT_IN_USE, INPUT_FOLLOWING_AN_UNKNOWN_INPUT, INPUT_OPTION_ON_A_HOST_WITHOUT_IT,
        DEPLOY_UNKNOWN_HOST, DEPLOY_DARWIN_HOST, DEPLOY_TAGS_WITHOUT_COLMENA, DEPLOY_AS_NON_ADMIN,
        PERSON_ON_UNKNOWN_HOST, HOME_ON_A_HOST_THE_PERSON_IS_NOT_ON, HOME_PROFILE_ON_NO_HOST, MAC_WITH_NIXOS_OPTIONS,
        REPLICATION_TO_A_MAC, NIXOS_RELEASE_AS_A_MACS_STATE_VERSION, HOMEBREW_ON_NIXOS, DARWIN_OPTION_OF_WRONG_TYPE,
        SYNC_FOLDER_ON_UNKNOWN_HOST, SYNC_FOLDER_HOST_WITHOUT_DEVICE, SYNC_DEVICE_ID_MISTYPED,
        SYNC_DEVICE_ID_SHAPE, SYNC_REMOTE_WITHOUT_FORGEJO, SYNC_RELATIVE_PATH, SYNC_REPOSITORY_INSIDE_FOLDER,
        MONITORING_ON_UNKNOWN_HOST, MONITORING_HOST_WITHOUT_PROMETHEUS, MONITORING_ON_A_DARWIN_HOST,
        NOTIFICATIONS_WITHOUT_ALERTMANAGER, SCRAPED_HOST_OFF_THE_TAILNET);
  }

  /** The failing fixtures by rule id (each id's first). */
  static Map<String, Fixture> byId() {
    Map<String, Fixture> out = new LinkedHashMap<>();
    for (Fixture f : all()) {
      out.putIfAbsent(f.id(), f);
    }
    return out;
  }
}
