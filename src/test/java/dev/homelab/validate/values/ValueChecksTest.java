package dev.homelab.validate.values;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.bind.Binder;
import dev.homelab.catalog.ServiceDescriptor;
import dev.homelab.diag.SpecException;
import dev.homelab.load.YamlLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Addresses, ranges, names and paths are checked by what they mean: each value below is
 * either accepted, or refused with the reason named in the message.
 */
class ValueChecksTest {

  // ---- CIDR ranges

  @ParameterizedTest
  @ValueSource(strings = {"192.168.1.0/24", "10.0.0.0/8", "0.0.0.0/0", "100.64.0.0/10", "255.255.255.255/32",
      "fd00::/8", "fd7a:115c:a1e0::/48", "::/0", "::1/128", "2001:db8::/32", "fe80::/10", "::ffff:192.168.1.0/120"})
  void acceptsRanges(String range) {
    assertThat(Addresses.cidr(range)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10.0.0.0/33|an IPv4 prefix length is 0 to 32, not 33",
      "300.1.2.3/24|`300` is above 255",
      "1.2.3.4.5/24|an IPv4 address is four numbers separated by dots",
      "10.0.0/8|an IPv4 address is four numbers separated by dots",
      "010.0.0.0/8|`010` has a leading zero",
      "10.0.0.0/08|`/08` is not a prefix length",
      "10.0.0.0/-1|`/-1` is not a prefix length",
      "10.0.0.0/|`/` is not a prefix length",
      "10.0.0.0/8/8|more than one `/`",
      "192.168.1.0|it has no prefix length",
      "fd00::/129|an IPv6 prefix length is 0 to 128, not 129",
      "fd00::1::/64|`::` may appear once only",
      "fd00:12345::/64|`12345` is not a group of 1 to 4 hex digits",
      "fd00:g::/64|`g` is not a group of 1 to 4 hex digits",
      "1:2:3:4:5:6:7/112|an IPv6 address has 8 groups",
      "1:2:3:4:5:6:7:8:9/128|an IPv6 address has 8 groups",
      "1:2:3:4::5:6:7:8/128|too many groups for `::`",
      ":1::/64|an empty group",
      "fe80::1%eth0/64|a zone index",
      "::ffff:300.1.2.3/128|`300` is above 255"})
  void refusesRangesWithTheReason(String range, String reason) {
    Problem p = Addresses.cidr(range);
    assertThat(p).isNotNull();
    assertThat(p.warning()).isFalse();
    assertThat(p.message()).startsWith("`" + range + "` is not an address range").contains(reason);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "192.168.1.5/24|192.168.1.0/24|192.168.1.5/32",
      "10.1.2.3/8|10.0.0.0/8|10.1.2.3/32",
      "172.16.5.4/12|172.16.0.0/12|172.16.5.4/32",
      "1.2.3.4/0|0.0.0.0/0|1.2.3.4/32",
      "fd00::1/64|fd00::/64|fd00::1/128",
      "2001:DB8:0:0:1:0:0:1/32|2001:db8::/32|2001:db8::1:0:0:1/128",
      "fd7a:115c:a1e0:ab12:4843:cd96:6258:b240/48|fd7a:115c:a1e0::/48|fd7a:115c:a1e0:ab12:4843:cd96:6258:b240/128"})
  void warnsAboutHostBitsWithTheNetwork(String range, String network, String one) {
    Problem p = Addresses.cidr(range);
    assertThat(p.warning()).isTrue();
    assertThat(p.message()).contains("means `" + network + "`");
    assertThat(p.hint()).isEqualTo("write `" + network + "`, or `" + one + "` for the one address");
  }

  @Test
  void formatsIpv6AsRfc5952() throws Exception {
    assertThat(Addresses.format(new byte[16])).isEqualTo("::");
    byte[] a = new byte[16];
    a[15] = 1;
    assertThat(Addresses.format(a)).isEqualTo("::1");
    byte[] b = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    // Two runs of equal length: the first is compressed.
    assertThat(Addresses.format(b)).isEqualTo("2001:db8::1:0:0:1");
    byte[] c = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    // A single zero group stays written.
    assertThat(Addresses.format(c)).isEqualTo("2001:db8:0:1:1:1:1:1");
  }

  // ---- interface addresses

  @ParameterizedTest
  @ValueSource(strings = {"10.14.0.2/16", "10.64.222.21/32", "fd7d:76ee:e68f:a993::2/128", "fc00:bbbb:bbbb:bb01::1:2b5/128"})
  void acceptsInterfaceAddressesWithHostBits(String address) {
    assertThat(Addresses.interfaceAddress(address)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.14.0.2", "10.14.0.300/16", "10.14.0.2/40", "fd7d::2/129", "vpn.example.org/32"})
  void refusesInterfaceAddresses(String address) {
    assertThat(Addresses.interfaceAddress(address)).isNotNull();
  }

  // ---- host names

  @ParameterizedTest
  @ValueSource(strings = {"nas-1", "nas.lan", "NAS.example.org", "192.168.1.20", "a", "x1.y2.example", "0nas"})
  void acceptsHostNames(String name) {
    assertThat(Addresses.hostName(name)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "nas_1|`_` is not allowed in a DNS name",
      "-nas|the label `-nas` starts or ends with `-`",
      "nas.|an empty label",
      "nas..lan|an empty label",
      "300.1.2.3|`300` is above 255",
      "10.0.0|four numbers",
      "fd00::20|is an IPv6 address, which cannot be written here",
      "nas:22|`:` is not allowed",
      "nas lan|a space is not allowed",
      "host.123|its last label `123` is all digits"})
  void refusesHostNames(String name, String reason) {
    assertThat(Addresses.hostName(name).message()).contains(reason);
  }

  @Test
  void refusesLabelsAndNamesAboveTheDnsLimits() {
    assertThat(Addresses.hostName("a".repeat(64) + ".lan").message()).contains("a label is at most 63");
    assertThat(Addresses.hostName("a".repeat(63) + ".lan")).isNull();
    String long254 = ("a".repeat(62) + ".").repeat(4) + "ab";
    assertThat(long254).hasSize(254);
    assertThat(Addresses.hostName(long254).message()).contains("a DNS name is at most 253");
  }

  // ---- domains and email addresses

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "home.arpa", "lab.example.co.uk", "xn--bcher-kva.example", "a1.io"})
  void acceptsDomains(String domain) {
    assertThat(Addresses.domain(domain)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Example.org|is not a lowercase DNS domain",
      "localhost|it has one label",
      "example.o|is no top-level domain",
      "example.123|is all digits",
      "example.4chan|is no top-level domain",
      "lab-.example.org|starts or ends with `-`",
      "lab_1.example.org|`_` is not allowed"})
  void refusesDomains(String domain, String reason) {
    assertThat(Addresses.domain(domain).message()).contains(reason);
  }

  @Test
  void suggestsTheLowercaseDomain() {
    assertThat(Addresses.domain("Example.org").hint()).isEqualTo("write `example.org`");
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin@example.org", "first.last+acme@mail.example.co.uk", "a_b-c%d@x.io"})
  void acceptsEmailAddresses(String email) {
    assertThat(Addresses.email(email)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "admin@localhost", "a@b@example.org", ".admin@example.org", "ad..min@example.org",
      "ad min@example.org", "admin@exa_mple.org", "\"admin\"@example.org", "@example.org"})
  void refusesEmailAddresses(String email) {
    assertThat(Addresses.email(email)).isNotNull();
  }

  // ---- interface names

  @ParameterizedTest
  @ValueSource(strings = {"enp1s0", "eth0", "eth0.100", "br-lan", "wg0", "enp0s20f0u1u2c2", "vlan@10", "tap+x", "lo"})
  void acceptsInterfaceNames(String name) {
    assertThat(Addresses.networkInterface(name)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "enp0s20f0u1u2c2x|16 characters long; Linux takes at most 15",
      ".|Linux does not allow `.` as a name",
      "..|Linux does not allow `..` as a name",
      "eth/0|Linux does not allow `/`",
      "eth:0|Linux does not allow `:`",
      "eth 0|Linux does not allow a space",
      "-eth0|starts with `-`",
      "eth\"0|`\"` is not a character of an interface name",
      "ethö|`ö` is not a character"})
  void refusesInterfaceNames(String name, String reason) {
    assertThat(Addresses.networkInterface(name).message()).contains(reason);
  }

  @Test
  void refusesAnEmptyInterfaceName() {
    assertThat(Addresses.networkInterface("").message()).contains("it is empty");
  }

  // ---- URLs' host and port

  @ParameterizedTest
  @ValueSource(strings = {"minio.lan", "minio.lan:9000", "192.168.1.20:9000", "[fd00::20]:9000", "[::1]", "s3.amazonaws.com:1",
      "example.org:65535"})
  void acceptsAuthorities(String authority) {
    assertThat(Addresses.authorityProblem(authority)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "minio.lan:99999|port `99999` is not 1 to 65535",
      "minio.lan:0|port `0` is not 1 to 65535",
      "minio.lan:|port `` is not 1 to 65535",
      "fd00::20:9000|goes in brackets",
      "[fd00::20:9000|without `]`",
      "[fd00::2g]:9000|`2g` is not a group",
      "300.1.1.1:80|`300` is above 255",
      "min_io:80|`_` is not allowed"})
  void refusesAuthorities(String authority, String reason) {
    assertThat(Addresses.authorityProblem(authority)).contains(reason);
  }

  // ---- paths

  @ParameterizedTest
  @ValueSource(strings = {"/", "/data", "/data/photos", "/var/lib/my-app_2", "/srv/a.b/c@d+e", "/..data/x..y", "/.hidden"})
  void acceptsPlainAbsolutePaths(String path) {
    assertThat(FilePaths.absolute(path)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "data/photos|it does not start with `/`|an absolute path such as `/data/photos`",
      "/data//photos|it has an empty part (`//`)|write `/data/photos`",
      "/data/photos/|it ends with `/`|write `/data/photos`",
      "/data/../etc|it has a `..` part|write `/etc`",
      "/data/./photos|it has a `.` part|write `/data/photos`",
      "/..|it has a `..` part|an absolute path such as `/data/photos`",
      "/data/my photos|a space is not allowed|an absolute path such as `/data/photos`",
      "/data/$HOME|`$` is not allowed|an absolute path such as `/data/photos`",
      "/data:/x|`:` is not allowed|an absolute path such as `/data/photos`"})
  void refusesOtherPathsWithTheFix(String path, String reason, String hint) {
    Problem p = FilePaths.absolute(path);
    assertThat(p.message()).contains(reason);
    assertThat(p.hint()).startsWith(hint);
  }

  @Test
  void rootAndWordsAsTheFieldAllows() {
    assertThat(FilePaths.absolute("/", false, List.of(), "/persist").message()).contains("`/` itself cannot be used here");
    assertThat(FilePaths.absolute("none", true, List.of("none"), "/data/media")).isNull();
    Problem p = FilePaths.absolute("nodevice", true, List.of("nodev"), "/dev/sda");
    assertThat(p.hint()).startsWith("an absolute path such as `/dev/sda`, or `nodev`");
  }

  // ---- the catalog's own ports

  @ParameterizedTest
  @ValueSource(strings = {"0/tcp", "70000/udp", "65536/tcp", "022/tcp", "22000"})
  void descriptorRefusesOpenPortsOutsideThePortRange(String port) {
    String text = "kind: x\nopenPorts: [\"" + port + "\"]\n";
    try {
      Binder.bind(YamlLoader.parse("service.yaml", text), ServiceDescriptor.class);
      org.junit.jupiter.api.Assertions.fail("`" + port + "` was accepted");
    } catch (SpecException e) {
      assertThat(e.diagnostics().sorted().get(0).message()).contains("with a port from 1 to 65535");
    }
  }

  @Test
  void descriptorAcceptsTheHighestPort() throws SpecException {
    var bound = Binder.bind(YamlLoader.parse("service.yaml", "kind: x\nopenPorts: [65535/udp, 1/tcp]\n"), ServiceDescriptor.class);
    assertThat(bound.value().openPorts()).containsExactly("65535/udp", "1/tcp");
  }
}
