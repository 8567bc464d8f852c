package dev.homelab.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Severity;
import dev.homelab.diag.SpecException;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Specs;
import dev.homelab.validate.RuleFixtures.Fixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule, and the field constraints (HL0300): a spec breaking it gets a finding
 * of its id at the exact {@code file:line:col}, and the same spec corrected gets none.
 */
class RuleFindingsTest {

  @TempDir
  Path dir;

  // ---- the fixtures cover every rule

  @Test
  void everyRuleIdHasAFailingFixture() {
    Set<String> expected = new TreeSet<>(Validator.ruleIds());
    expected.add("HL0300");
    assertThat(new TreeSet<>(RuleFixtures.byId().keySet())).isEqualTo(expected);
  }

  static List<Fixture> fixtures() {
    return RuleFixtures.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureGetsItsFindingAtItsPlace(Fixture f) {
    assertFinding(f);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void correctedFixtureHasNoFindingOfThatId(Fixture f) {
    assertNoFinding(f.id(), f.corrected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void cliReportsFixtureWithoutStackTrace(Fixture f) {
    Path file = Specs.write(dir, "spec.yaml", f.text());
    Cli.Run run = Cli.run("validate", "-f", file.toString());
    assertThat(run.exit()).as(run.all()).isEqualTo(f.warning() ? 0 : 1);
    assertThat(run.all()).contains("[" + f.id() + "]").contains(file + ":" + f.line() + ":" + f.column());
    assertThat(run.all()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void minimalSpecHasNoFindings() {
    assertThat(findings(Specs.MINIMAL)).isEmpty();
  }

  // ---- HL0340 names

  @Test
  void rejectsAdminNameWithCapitals() {
    assertFinding(RuleFixtures.ADMIN_NAME_WITH_CAPITALS);
    assertNoFinding("HL0340", RuleFixtures.ADMIN_NAME_WITH_CAPITALS.corrected());
  }

  @Test
  void rejectsSubdomainThatIsNoDnsLabel() {
    assertFinding(RuleFixtures.SUBDOMAIN_NOT_A_LABEL);
    assertNoFinding("HL0340", RuleFixtures.SUBDOMAIN_NOT_A_LABEL.corrected());
  }

  @Test
  void rejectsSubdomainLabelsAboveTheDnsLimits() {
    String longLabel = "a".repeat(64);
    assertThat(findings(RuleFixtures.edit("immich: { tier: critical, claimed: true }", "immich: { tier: critical, claimed: true, subdomain: " + longLabel + " }")))
        .anyMatch(d -> d.code().equals("HL0340") && d.message().equals("`" + longLabel + "` is not a DNS label"));
    // A label of 63 under a domain of 203 characters: the name would be 267 long.
    String domain = ("d".repeat(49) + ".").repeat(4) + "org";
    List<Diagnostic> all = findings(RuleFixtures.edit(RuleFixtures.edit("domain: example.org", "domain: " + domain),
        "immich: { tier: critical, claimed: true }", "immich: { tier: critical, claimed: true, subdomain: " + "a".repeat(63) + " }"));
    assertThat(all).extracting(Diagnostic::code).containsExactly("HL0340");
    assertThat(all.get(0).message()).endsWith("is longer than the 253 characters of a DNS name");
    assertThat(all.get(0).span()).hasToString(file() + ":26:59");
  }

  // ---- HL0306 unknown service kind

  @Test
  void rejectsUnknownServiceKindWithSuggestion() {
    Diagnostic d = assertFinding(RuleFixtures.UNKNOWN_KIND);
    assertThat(d.hint()).contains("did you mean `immich`");
    assertNoFinding("HL0306", RuleFixtures.UNKNOWN_KIND.corrected());
  }

  @Test
  void rejectsServiceWhoseNameIsNoKind() {
    Diagnostic d = assertFinding(RuleFixtures.SERVICE_NAMED_AFTER_NO_KIND);
    assertThat(d.hint()).contains("did you mean `immich`");
    assertNoFinding("HL0306", RuleFixtures.SERVICE_NAMED_AFTER_NO_KIND.corrected());
  }

  // ---- HL0302 unknown reference

  @Test
  void rejectsUnknownTierWithSuggestion() {
    Diagnostic d = assertFinding(RuleFixtures.UNKNOWN_TIER);
    assertThat(d.hint()).contains("did you mean `critical`");
    assertNoFinding("HL0302", RuleFixtures.UNKNOWN_TIER.corrected());
  }

  @Test
  void rejectsUnknownDataset() {
    Diagnostic d = assertFinding(RuleFixtures.UNKNOWN_DATASET);
    assertThat(d.hint()).contains("did you mean `tank/vaultwarden`");
    assertNoFinding("HL0302", RuleFixtures.UNKNOWN_DATASET.corrected());
  }

  @Test
  void rejectsUnknownBackupRepository() {
    assertFinding(RuleFixtures.UNKNOWN_REPOSITORY);
    assertNoFinding("HL0302", RuleFixtures.UNKNOWN_REPOSITORY.corrected());
  }

  // ---- HL0301 port clash

  @Test
  void rejectsPortClaimedByTwoServices() {
    Diagnostic d = assertFinding(RuleFixtures.PORT_OF_TWO_SERVICES);
    assertThat(d.message()).contains("port 8000").contains(file() + ":25:7");
    assertNoFinding("HL0301", RuleFixtures.PORT_OF_TWO_SERVICES.corrected());
  }

  @Test
  void rejectsPortThatIsAnotherServicesCatalogDefault() {
    Diagnostic d = assertFinding(RuleFixtures.PORT_IS_CATALOG_DEFAULT);
    assertThat(d.message()).contains("port 2283").contains(file() + ":25:86").contains("catalog's default for `immich`");
    assertNoFinding("HL0301", RuleFixtures.PORT_IS_CATALOG_DEFAULT.corrected());
  }

  @Test
  void rejectsServicePortThatIsSsh() {
    Diagnostic d = assertFinding(RuleFixtures.PORT_OF_SSH);
    assertThat(d.message()).contains("SSH");
    assertNoFinding("HL0301", RuleFixtures.PORT_OF_SSH.corrected());
  }

  // ---- HL0310 host id

  @Test
  void rejectsHostIdThatIsNotEightLowercaseHexDigits() {
    assertFinding(RuleFixtures.HOST_ID_NOT_HEX);
    assertNoFinding("HL0310", RuleFixtures.HOST_ID_NOT_HEX.corrected());
  }

  @Test
  void rejectsZfsHostWithoutHostId() {
    assertFinding(RuleFixtures.ZFS_HOST_WITHOUT_HOST_ID);
    assertNoFinding("HL0310", RuleFixtures.ZFS_HOST_WITHOUT_HOST_ID.corrected());
  }

  // ---- HL0320 quotas

  @Test
  void rejectsQuotaAbovePoolSize() {
    assertFinding(RuleFixtures.QUOTA_ABOVE_POOL);
    assertNoFinding("HL0320", RuleFixtures.QUOTA_ABOVE_POOL.corrected());
  }

  @Test
  void rejectsChildQuotaAboveParentQuota() {
    assertFinding(RuleFixtures.CHILD_QUOTA_ABOVE_PARENT);
    assertNoFinding("HL0320", RuleFixtures.CHILD_QUOTA_ABOVE_PARENT.corrected());
    // A plain quota is ZFS refquota: it counts the parent's own data only, never its children.
    assertNoFinding("HL0320", RuleFixtures.edit("vaultwarden: { quota: 2G }\n",
        "vaultwarden: { quota: 2G }\n          vaultwarden/attachments: { quota: 3G }\n"));
  }

  @Test
  void warnsWhenQuotasSumAbovePool() throws SpecException {
    Diagnostic d = assertFinding(RuleFixtures.QUOTAS_OVERCOMMIT_POOL);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.message()).contains("5T");
    // A warning does not make the spec invalid.
    Path file = Specs.write(dir, "spec.yaml", RuleFixtures.QUOTAS_OVERCOMMIT_POOL.text());
    assertThat(new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of()).warnings().sorted()).hasSize(1);
    assertNoFinding("HL0320", RuleFixtures.QUOTAS_OVERCOMMIT_POOL.corrected());
  }

  // ---- HL0330 public needs TLS

  @Test
  void rejectsPublicServiceWithoutTunnelOrAcme() {
    assertFinding(RuleFixtures.PUBLIC_WITHOUT_TLS);
    assertNoFinding("HL0330", RuleFixtures.PUBLIC_WITHOUT_TLS.corrected());
  }

  // ---- HL0350 pasted secrets

  @Test
  void rejectsPastedRepositoryPassword() {
    Diagnostic d = assertFinding(RuleFixtures.PASTED_PASSWORD);
    assertThat(d.message()).doesNotContain("hunter2");
    assertNoFinding("HL0350", RuleFixtures.PASTED_PASSWORD.corrected());
  }

  @Test
  void rejectsPrivateKeyHeaderAnywhere() {
    assertFinding(RuleFixtures.PRIVATE_KEY);
    assertNoFinding("HL0350", RuleFixtures.PRIVATE_KEY.corrected());
  }

  // ---- HL0315 service settings

  @Test
  void rejectsUnknownServiceSettingWithSuggestion() {
    Diagnostic d = assertFinding(RuleFixtures.UNKNOWN_SETTING);
    assertThat(d.hint()).contains("did you mean `storageTemplate`");
    assertNoFinding("HL0315", RuleFixtures.UNKNOWN_SETTING.corrected());
  }

  @Test
  void rejectsServiceSettingOfWrongType() {
    assertFinding(RuleFixtures.SETTING_OF_WRONG_TYPE);
    assertNoFinding("HL0315", RuleFixtures.SETTING_OF_WRONG_TYPE.corrected());
  }

  // ---- HL0360 backups

  @Test
  void rejectsBackupTimeThatIsNoTimeOfDay() {
    assertFinding(RuleFixtures.BACKUP_TIME);
    assertNoFinding("HL0360", RuleFixtures.BACKUP_TIME.corrected());
  }


  // ---- HL0370 dataset properties

  @Test
  void rejectsRecordsizeThatIsNoPowerOfTwo() {
    assertFinding(RuleFixtures.RECORDSIZE);
    assertNoFinding("HL0370", RuleFixtures.RECORDSIZE.corrected());
  }

  @Test
  void rejectsUnknownCompression() {
    assertFinding(RuleFixtures.COMPRESSION);
    assertNoFinding("HL0370", RuleFixtures.COMPRESSION.corrected());
  }

  // ---- HL0380 VPN

  @Test
  void rejectsVpnOnlyServiceWithoutVpn() {
    assertFinding(RuleFixtures.VPN_SERVICE_WITHOUT_VPN);
    assertNoFinding("HL0380", RuleFixtures.VPN_SERVICE_WITHOUT_VPN.corrected());
  }

  @Test
  void rejectsVpnConfinedServiceExposedPublic() {
    assertFinding(RuleFixtures.VPN_SERVICE_PUBLIC);
    assertNoFinding("HL0380", RuleFixtures.VPN_SERVICE_PUBLIC.corrected());
  }

  // ---- HL0381 no login of its own

  @Test
  void warnsOfServiceWithoutLoginOnTheLan() {
    Diagnostic d = assertFinding(RuleFixtures.NO_LOGIN_ON_LAN);
    assertThat(d.message()).isEqualTo("`prometheus` has no login of its own and is reachable from the LAN");
    assertThat(d.hint()).isEqualTo("put `sso: true` or `mtls: true` in front of it, or expose it to `tailscale` only");
    assertNoFinding("HL0381", RuleFixtures.NO_LOGIN_ON_LAN.corrected());
    assertFinding(RuleFixtures.NO_LOGIN_BY_DEFAULT_EXPOSURE);
    assertNoFinding("HL0381", RuleFixtures.NO_LOGIN_BY_DEFAULT_EXPOSURE.corrected());
  }

  @Test
  void rejectsServiceWithoutLoginExposedPublic() {
    Diagnostic d = assertFinding(RuleFixtures.NO_LOGIN_PUBLIC);
    assertThat(d.message()).isEqualTo("`prometheus` has no login of its own and is reachable from the internet");
    assertNoFinding("HL0381", RuleFixtures.NO_LOGIN_PUBLIC.corrected());
  }

  @Test
  void singleSignOnOrClientCertificatesInFrontSatisfyIt() {
    String authelia = "      authelia: { tier: critical }\n";
    String autheliaSecrets = "secrets:\n  authelia/jwt-secret: {}\n  authelia/storage-encryption-key: {}\n  authelia/users: {}\n";
    String open = RuleFixtures.edit(RuleFixtures.NO_LOGIN_BY_DEFAULT_EXPOSURE.text(), "      sonarr: { tier: critical }\n",
        "      sonarr: { tier: critical }\n" + authelia) + autheliaSecrets;
    assertThat(findings(open)).extracting(Diagnostic::code).contains("HL0381");
    assertThat(findings(open.replace("sonarr: { tier: critical }", "sonarr: { tier: critical, sso: true }")))
        .noneMatch(d -> d.code().equals("HL0381"));

    String ca = RuleFixtures.edit(RuleFixtures.NO_LOGIN_ON_LAN.text(), "      tailscale: true\n",
        "      tailscale: true\n      proxy: { clientCa: { secret: client-ca } }\n") + "secrets:\n  client-ca: {}\n";
    assertThat(findings(ca)).extracting(Diagnostic::code).contains("HL0381");
    assertThat(findings(ca.replace("expose: [lan, tailscale]", "expose: [lan, tailscale], mtls: true")))
        .noneMatch(d -> d.code().equals("HL0381"));
  }

  @Test
  void kindOpenByDesignIsNotChecked() {
    assertThat(ServiceCatalog.builtIn().find("gatus").orElseThrow().login()).isEqualTo("open");
    String spec = RuleFixtures.edit(RuleFixtures.NO_LOGIN_ON_LAN.text(), "prometheus: {", "gatus: {");
    assertThat(findings(spec)).noneMatch(d -> d.code().equals("HL0381"));
  }

  // ---- HL0382 unpinned container image

  @Test
  void warnsOfContainerImageWithoutPinnedTag() {
    Diagnostic latest = assertFinding(RuleFixtures.IMAGE_TAGGED_LATEST);
    assertThat(latest.message()).isEqualTo("image `ghcr.io/example/wiki:latest` of `wiki` is tagged `latest`, which moves: it runs whatever that is when it is pulled");
    assertThat(latest.hint()).contains("`name:tag@sha256:...`");
    assertNoFinding("HL0382", RuleFixtures.IMAGE_TAGGED_LATEST.corrected());
    // The registry's port is no tag: the image names none.
    Diagnostic untagged = assertFinding(RuleFixtures.IMAGE_WITHOUT_TAG);
    assertThat(untagged.message()).contains("names no tag and no digest");
    assertNoFinding("HL0382", RuleFixtures.IMAGE_WITHOUT_TAG.corrected());
  }

  @Test
  void aDigestPinsEvenTheLatestTag() {
    String spec = RuleFixtures.IMAGE_TAGGED_LATEST.text().replace("wiki:latest",
        "wiki:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assertThat(spec).isNotEqualTo(RuleFixtures.IMAGE_TAGGED_LATEST.text());
    assertNoFinding("HL0382", spec);
  }

  // ---- HL0383 SSH password login

  @Test
  void warnsOfSshPasswordLogin() {
    Diagnostic d = assertFinding(RuleFixtures.SSH_PASSWORD_LOGIN);
    assertThat(d.message()).isEqualTo("`services.openssh.settings.PasswordAuthentication = true` lets SSH on host `nuc` take passwords");
    assertThat(d.hint()).contains("admins.<name>.sshKeys");
    assertNoFinding("HL0383", RuleFixtures.SSH_PASSWORD_LOGIN.corrected());
    Diagnostic kbd = assertFinding(RuleFixtures.SSH_KEYBOARD_INTERACTIVE);
    assertThat(kbd.message()).startsWith("`services.openssh.settings.KbdInteractiveAuthentication = true`");
  }

  // ---- HL0384 a firewall port no service needs

  @Test
  void warnsOfFirewallPortNoServiceNeedsNamingIt() {
    List<Diagnostic> all = findings(RuleFixtures.PORT_NO_SERVICE_NEEDS.text());
    // 22 is SSH and 8000 Vaultwarden's port; only 9999 is named.
    assertThat(all).filteredOn(d -> d.code().equals("HL0384")).extracting(Diagnostic::message)
        .containsExactly("port 9999/tcp is opened on host `nuc` but no service there needs it");
    assertFinding(RuleFixtures.PORT_NO_SERVICE_NEEDS);
    assertNoFinding("HL0384", RuleFixtures.PORT_NO_SERVICE_NEEDS.corrected());
    Diagnostic udp = assertFinding(RuleFixtures.UDP_PORT_ON_INTERFACE);
    assertThat(udp.message()).isEqualTo("port 51820/udp is opened on host `nuc` but no service there needs it");
    assertThat(udp.hint()).contains("networking.firewall.interfaces.enp1s0.allowedUDPPorts");
  }

  // ---- HL0300 field constraints

  @Test
  void rejectsHostWithoutStateVersion() {
    Diagnostic d = assertFinding(RuleFixtures.NO_STATE_VERSION);
    assertThat(d.message()).contains("stateVersion");
    assertNoFinding("HL0300", RuleFixtures.NO_STATE_VERSION.corrected());
  }

  @Test
  void rejectsPortOutOfRange() {
    assertFinding(RuleFixtures.PORT_OUT_OF_RANGE);
    assertNoFinding("HL0300", RuleFixtures.PORT_OUT_OF_RANGE.corrected());
  }

  @Test
  void rejectsMalformedAgeRecipient() {
    assertFinding(RuleFixtures.BAD_AGE_RECIPIENT);
    assertNoFinding("HL0300", RuleFixtures.BAD_AGE_RECIPIENT.corrected());
  }

  @Test
  void rejectsSopsRuleWithoutPathRegex() {
    assertFinding(RuleFixtures.SOPS_RULE_WITHOUT_REGEX);
    assertNoFinding("HL0300", RuleFixtures.SOPS_RULE_WITHOUT_REGEX.corrected());
  }

  @Test
  void rejectsBadSshKeyAtTheListItem() {
    // `    sshKeys: ["ssh-foo ...`: the item starts at column 15 of line 8.
    List<Diagnostic> all = findings(RuleFixtures.edit("[\"ssh-ed25519 ", "[\"ssh-foo "));
    assertThat(all).extracting(d -> d.code() + " " + d.span()).containsExactly("HL0300 " + file() + ":8:15");
  }

  // ---- HL0300 values checked by meaning

  @Test
  void rejectsRelativeBackupPath() {
    Diagnostic d = assertFinding(RuleFixtures.RELATIVE_BACKUP_PATH);
    assertThat(d.message()).isEqualTo("`var/lib` is not an absolute path: it does not start with `/` (`backups.jobs.nightly.paths[0]`)");
    assertNoFinding("HL0300", RuleFixtures.RELATIVE_BACKUP_PATH.corrected());
  }

  @Test
  void rejectsLanRangeWithAPrefixLongerThanTheAddress() {
    Diagnostic d = assertFinding(RuleFixtures.RANGE_PREFIX_TOO_LONG);
    assertThat(d.message()).startsWith("`10.0.0.0/33` is not an address range: an IPv4 prefix length is 0 to 32, not 33")
        .endsWith("(`hosts.nuc.network.lan.ranges[0]`)");
    assertThat(d.hint()).contains("`192.168.1.0/24`");
  }

  @Test
  void rejectsLanRangeWithANumberAbove255() {
    Diagnostic d = assertFinding(RuleFixtures.RANGE_OCTET_ABOVE_255);
    assertThat(d.message()).contains("`300` is above 255");
  }

  @Test
  void warnsAboutHostBitsWithTheNetworkAsTheHint() {
    Diagnostic d = assertFinding(RuleFixtures.RANGE_WITH_HOST_BITS);
    assertThat(d.message()).contains("`192.168.1.5/24` has host bits set: as a range it means `192.168.1.0/24`");
    assertThat(d.hint()).isEqualTo("write `192.168.1.0/24`, or `192.168.1.5/32` for the one address");
  }

  @Test
  void rejectsIpv6RangeWithTwoGaps() {
    Diagnostic d = assertFinding(RuleFixtures.IPV6_RANGE_WITH_TWO_GAPS);
    assertThat(d.message()).contains("`::` may appear once only");
  }

  @Test
  void warnsAboutIpv6HostBitsWithTheCanonicalNetwork() {
    Diagnostic d = assertFinding(new RuleFixtures.Fixture("IPv6 range with host bits", "HL0300",
        RuleFixtures.IPV6_RANGE_WITH_TWO_GAPS.text().replace("fd00::1::/64", "FD00:0:0:1:0:0:0:5/64"), 17, 45, true, null));
    assertThat(d.hint()).isEqualTo("write `fd00:0:0:1::/64`, or `fd00:0:0:1::5/128` for the one address");
  }

  @Test
  void rejectsInterfaceNameLongerThanLinuxAllows() {
    Diagnostic d = assertFinding(RuleFixtures.INTERFACE_NAME_TOO_LONG);
    assertThat(d.message()).contains("it is 16 characters long; Linux takes at most 15");
  }

  @Test
  void rejectsDomainWithALabelEndingInAHyphen() {
    Diagnostic d = assertFinding(RuleFixtures.DOMAIN_LABEL_ENDING_IN_HYPHEN);
    assertThat(d.message()).contains("the label `lab-` starts or ends with `-`");
  }

  @Test
  void rejectsMountpointEndingInASlashWithTheFix() {
    Diagnostic d = assertFinding(RuleFixtures.MOUNTPOINT_WITH_TRAILING_SLASH);
    assertThat(d.message()).contains("it ends with `/`").contains("`hosts.nuc.storage.tank.datasets.web.mountpoint`");
    assertThat(d.hint()).isEqualTo("write `/srv/web`");
  }

  @Test
  void rejectsPersistPathThatClimbsOut() {
    Diagnostic d = assertFinding(RuleFixtures.PERSIST_CLIMBING_OUT);
    assertThat(d.message()).contains("it has a `..` part");
    assertThat(d.hint()).isEqualTo("write `/etc`");
  }

  @Test
  void rejectsGrubDeviceThatIsNoPathWithADeviceAsTheExample() {
    Diagnostic d = assertFinding(RuleFixtures.GRUB_DEVICE_NOT_A_PATH);
    assertThat(d.hint()).contains("`/dev/sda`").contains("`nodev`");
  }

  @Test
  void rejectsReplicationToAnIpv6Literal() {
    Diagnostic d = assertFinding(RuleFixtures.REPLICATION_TO_IPV6_ADDRESS);
    assertThat(d.message()).contains("`fd00::20` is an IPv6 address");
    assertThat(d.hint()).contains("host name that resolves to it");
  }

  @Test
  void rejectsSftpHostWithAnUnderscore() {
    Diagnostic d = assertFinding(RuleFixtures.SFTP_HOST_WITH_UNDERSCORE);
    assertThat(d.message()).contains("`nas_1` is not a host name: `_` is not allowed in a DNS name");
  }

  @Test
  void rejectsVpnAddressWithANumberAbove255() {
    Diagnostic d = assertFinding(RuleFixtures.VPN_ADDRESS_ABOVE_255);
    assertThat(d.message()).contains("`10.14.0.300/16` is not an address with its prefix length: `300` is above 255");
  }

  @Test
  void rejectsAcmeEmailOnAOneLabelDomain() {
    Diagnostic d = assertFinding(RuleFixtures.ACME_EMAIL_WITHOUT_DOMAIN);
    assertThat(d.message()).contains("`admin@localhost` is not an email address: `localhost` has one label");
  }

  @Test
  void rejectsS3EndpointWithAPortAbove65535() {
    Diagnostic d = assertFinding(RuleFixtures.S3_ENDPOINT_PORT_OUT_OF_RANGE);
    assertThat(d.message()).contains("port `99999` is not 1 to 65535");
  }

  @Test
  void rejectsPathSettingEndingInASlash() {
    Diagnostic d = assertFinding(RuleFixtures.SETTING_PATH_WITH_TRAILING_SLASH);
    assertThat(d.message()).startsWith("setting `cacheDir`: `/var/cache/jellyfin/` is not a plain absolute path: it ends with `/`");
    assertThat(d.hint()).isEqualTo("write `/var/cache/jellyfin`");
  }

  @Test
  void rejectsVolumeThatClimbsOut() {
    Diagnostic d = assertFinding(RuleFixtures.VOLUME_CLIMBING_OUT);
    assertThat(d.message()).contains("`/srv/wiki/../etc` is not a plain absolute path: it has a `..` part");
  }

  @Test
  void checksTheFieldsOfACustomContainer() {
    // `container:` is validated like every other record: its health check needs a command.
    String text = RuleFixtures.VOLUME_CLIMBING_OUT.corrected().replace("volumes: [\"/srv/wiki:/data\"]",
        "volumes: [\"/srv/wiki:/data\"], healthCheck: { interval: 1m }");
    assertThat(findings(text)).extracting(d -> d.code() + " " + d.message())
        .containsExactly("HL0300 a health check needs its `command`, run inside the container (e.g. `curl -fs http://localhost:3000/`)"
            + " (`hosts.nuc.services.wiki.container.healthCheck.command`)");
  }

  // ---- HL0390 the spec's own NixOS options

  @Test
  void anUnknownNameBelowAPrefixReadWholeIsAnErrorWithTheClosestName() {
    Diagnostic d = assertFinding(RuleFixtures.MISSPELT_OPTION_OF_A_MODULE_READ_WHOLE);
    assertThat(d.message()).isEqualTo("`boot.loader.generic-extlinux-compatible.enabel` is not an option:"
        + " `boot.loader.generic-extlinux-compatible` has no `enabel`");
    assertThat(d.hint()).isEqualTo("did you mean `boot.loader.generic-extlinux-compatible.enable`?");
  }

  @Test
  void anOptionTheCatalogDoesNotListIsCheckedByNix() {
    Diagnostic d = assertFinding(RuleFixtures.OPTION_THE_CATALOG_DOES_NOT_LIST);
    assertThat(d.message()).isEqualTo("`programs.zsh.syntaxHighlighting.enable` is not in the catalog; checked by Nix at build");
    // Real options the catalog once lacked: boot loaders, initrd networking, hardware.
    for (String option : List.of("boot.loader.generic-extlinux-compatible.enable: true", "boot.initrd.network.enable: true",
        "boot.initrd.network.ssh.port: 2222", "boot.initrd.network.udhcpc.enable: true", "programs.zsh.ohMyZsh.enable: true",
        "hardware.enableRedistributableFirmware: true", "hardware.cpu.intel.updateMicrocode: true",
        "hardware.cpu.amd.updateMicrocode: true", "hardware.graphics.enable32Bit: true", "hardware.bluetooth.powerOnBoot: false",
        "powerManagement.powertop.enable: true", "powerManagement.scsiLinkPolicy: med_power_with_dipm",
        "boot.loader.systemd-boot.bootCounting.enable: true", "boot.loader.grub.memtest86.enable: true",
        "hardware.nvidia.open: true", "hardware.nvidia.modesetting.enable: true",
        "hardware.nvidia-container-toolkit.enable: true")) {
      assertNoFinding("HL0390", RuleFixtures.edit("      tailscale: true\n", "      tailscale: true\n    nixos:\n      " + option + "\n"));
    }
  }

  @Test
  void aModulePrefixTheCatalogDoesNotListIsAWarningWithTheClosestName() {
    // services.readarr is a real module the catalog does not list; radarr is one letter away.
    List<Diagnostic> all = findings(RuleFixtures.edit("      tailscale: true\n", "      tailscale: true\n    nixos:\n"
        + "      services.readarr.enable: true\n"));
    assertThat(all).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.WARNING);
      assertThat(d.hint()).isEqualTo("did you mean `services.radarr`?");
    });
  }

  @Test
  void aSingleValueWhereAListGoesIsAnErrorThatSaysSo() {
    Diagnostic d = assertFinding(RuleFixtures.SINGLE_VALUE_FOR_A_LIST);
    assertThat(d.message()).isEqualTo("`networking.nameservers`: value string does not fit type `list of string`");
    assertThat(d.hint()).isEqualTo("`networking.nameservers` takes a list: write the value in brackets, `[ ... ]`");
    assertThat(assertFinding(RuleFixtures.LIST_ITEM_OF_THE_WRONG_TYPE).message())
        .isEqualTo("`networking.firewall.allowedTCPPorts`: item 2 of the list: integer does not fit; the type is"
            + " `list of 16 bit unsigned integer; between 0 and 65535 (both inclusive)`");
  }

  @Test
  void aPackageIsNamedByItsAttributePath() {
    assertThat(assertFinding(RuleFixtures.PACKAGE_THAT_IS_NO_ATTRIBUTE_PATH).message())
        .contains("item 2 of the list: `nb; rm -rf /` is not a package attribute path");
    List<Diagnostic> all = findings(RuleFixtures.edit("      tailscale: true\n", "      tailscale: true\n    nixos:\n"
        + "      environment.systemPackages: [pkgs.htop]\n"));
    assertThat(all).singleElement().satisfies(d -> assertThat(d.message())
        .contains("`pkgs.htop` names the package with `pkgs.`: write its attribute path alone, `htop`"));
  }

  @Test
  void anOptionOfAModuleFlakeTheHostDoesNotImportIsRefused() {
    Diagnostic d = assertFinding(RuleFixtures.OPTION_OF_A_FLAKE_THE_HOST_DOES_NOT_IMPORT);
    assertThat(d.message()).isEqualTo("`sops.age.sshKeyPaths` is an option of Mic92/sops-nix, which host `nuc` does not import");
    assertThat(d.hint()).contains("once any host reads a secret");
  }

  @Test
  void anOptionTheLabsChannelDoesNotHaveIsAnError() {
    Diagnostic d = assertFinding(RuleFixtures.OPTION_THE_CHANNEL_DOES_NOT_HAVE);
    assertThat(d.message()).isEqualTo("`services.oauth2-proxy.clientSecretFile` is not in nixos-25.11: NixOS added it in 26.05");
    assertThat(d.hint()).contains("homelab.channel `nixos-25.11`");
    // Unstable is newer than every release: it has the option.
    assertNoFinding("HL0390", RuleFixtures.OPTION_THE_CHANNEL_DOES_NOT_HAVE.text().replace("nixos-25.11", "nixos-unstable"));
  }

  // ---- HL0344 OIDC sign-in

  @Test
  void oidcWithoutProviderAsksForOne() {
    Diagnostic d = assertFinding(RuleFixtures.OIDC_WITHOUT_PROVIDER);
    assertThat(d.hint()).contains("add `pocket-id: {}` or `authelia: {}`");
  }

  @Test
  void oidcOnJellyfinNamesTheSsoPlugin() {
    Diagnostic d = assertFinding(RuleFixtures.OIDC_ON_KIND_WITHOUT_IT);
    assertThat(d.message()).contains("cannot sign in through OIDC");
    assertThat(d.hint()).contains("SSO plugin");
  }

  @Test
  void oidcWithTwoProvidersAsksWhich() {
    Diagnostic d = assertFinding(RuleFixtures.OIDC_TWO_PROVIDERS);
    assertThat(d.hint()).contains("provider:");
  }

  @Test
  void oidcProviderThatIsNoneSuggestsTheClosest() {
    Diagnostic d = assertFinding(RuleFixtures.OIDC_PROVIDER_NOT_A_PROVIDER);
    assertThat(d.hint()).contains("did you mean `pocket-id`");
    // A service that exists but provides no OIDC.
    String text = RuleFixtures.OIDC_PROVIDER_NOT_A_PROVIDER.text().replace("provider: pocket-idd", "provider: vaultwarden");
    assertThat(findings(text)).anyMatch(f -> f.code().equals("HL0344") && f.message().contains("is not an OIDC provider"));
  }

  // ---- HL0335 first accounts

  @Test
  void unclaimedServiceNamesWhatIsHeldBackAndTheFlag() {
    Diagnostic d = assertFinding(RuleFixtures.UNCLAIMED_EXPOSED_PUBLIC);
    assertThat(d.message()).contains("`immich` is held back from `lan` until it is claimed", "served over the tailnet only");
    assertThat(d.hint()).contains("`claimed: true` on hosts.nuc.services.immich");
  }

  @Test
  void unclaimedServiceOffTheTailnetIsServedNowhereAndSaysHowToReachIt() {
    String text = RuleFixtures.edit(RuleFixtures.edit("      immich: { tier: critical, claimed: true }\n",
        "      immich: { tier: critical, expose: [lan] }\n"), "      tailscale: true\n", "");
    Diagnostic d = findings(text).stream().filter(f -> f.code().equals("HL0335")).findFirst().orElseThrow();
    assertThat(d.message()).contains("held back from `lan`", "served nowhere");
    assertThat(d.hint()).contains("SSH tunnel to port 2283 of host `nuc`");
  }

  @Test
  void vaultwardenWithoutAdminEnvPointsAtTheDeclaredButUnreadSecret() {
    String text = RuleFixtures.edit("vaultwarden: { claimed: true, tier: critical, dataset: tank/vaultwarden }",
        "vaultwarden: { tier: critical, dataset: tank/vaultwarden }") + "secrets:\n  vaultwarden/admin-env: {}\n";
    Diagnostic d = findings(text).stream().filter(f -> f.code().equals("HL0335")).findFirst().orElseThrow();
    assertThat(d.message()).contains("`vaultwarden` is held back from `lan`");
    assertThat(d.hint()).contains("the secret `vaultwarden/admin-env` is declared but nothing reads it",
        "settings: { adminEnv: { secret: vaultwarden/admin-env } }");
    // Wired, the admin page provisions the first account: nothing is held back.
    String wired = text.replace("dataset: tank/vaultwarden }",
        "dataset: tank/vaultwarden, settings: { adminEnv: { secret: vaultwarden/admin-env } } }");
    assertThat(findings(wired)).noneMatch(f -> f.code().equals("HL0335"));
  }

  // ---- helpers

  private String file() {
    return dir.resolve("spec.yaml").toString();
  }

  /** Every finding of the spec text, errors and warnings, sorted by place. */
  private List<Diagnostic> findings(String text) {
    Path file = Specs.write(dir, "spec.yaml", text);
    try {
      return new Pipeline(ServiceCatalog.builtIn()).check(List.of(file), List.of()).warnings().sorted();
    } catch (SpecException e) {
      return e.diagnostics().sorted();
    }
  }

  /** Asserts the fixture's finding, by id, severity and exact place; returns it. */
  private Diagnostic assertFinding(Fixture f) {
    List<Diagnostic> all = findings(f.text());
    String at = file() + ":" + f.line() + ":" + f.column();
    List<Diagnostic> matching = new ArrayList<>();
    for (Diagnostic d : all) {
      if (d.code().equals(f.id()) && d.span().toString().equals(at)) {
        matching.add(d);
      }
    }
    assertThat(matching).as("a %s finding at %s among %s", f.id(), at, all).hasSize(1);
    Diagnostic d = matching.get(0);
    assertThat(d.severity()).isEqualTo(f.warning() ? Severity.WARNING : Severity.ERROR);
    return d;
  }

  private void assertNoFinding(String id, String text) {
    assertThat(findings(text)).as("corrected spec").noneMatch(d -> d.code().equals(id));
  }
}
