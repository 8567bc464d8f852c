package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.nix.NixValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option types read back from the NixOS manual's descriptions, and what values they take. */
class OptionTypeTest {

  private static final String PORTS = "list of 16 bit unsigned integer; between 0 and 65535 (both inclusive)";

  @Test
  void aListTypeTakesAListAndNeverASingleValue() {
    assertThat(fits("list of string", str("1.1.1.1"))).isFalse();
    assertThat(fits("list of string", list(str("1.1.1.1")))).isTrue();
    assertThat(fits(PORTS, num(8080))).isFalse();
    assertThat(fits(PORTS, list(num(8080), num(8443)))).isTrue();
    assertThat(fits("null or (list of string)", str("x"))).isFalse();
    assertThat(fits("null or (list of string)", list())).isTrue();
  }

  @Test
  void everyListElementMustFitTheElementType() {
    assertThat(fits(PORTS, list(num(8080), num(70000)))).isFalse();
    assertThat(fits(PORTS, list(num(8080), str("8443")))).isFalse();
    assertThat(fits("list of (one of \"audio\", \"detect\", \"record\")", list(str("detect"), str("record")))).isTrue();
    assertThat(fits("list of (one of \"audio\", \"detect\", \"record\")", list(str("detect"), str("snapshot")))).isFalse();
    assertThat(fits("list of list of signed integer", list(list(num(1)), list(num(-2))))).isTrue();
    assertThat(fits("list of list of signed integer", list(num(1)))).isFalse();
    assertThat(fits("non-empty (list of string)", list())).isFalse();
    assertThat(fits("non-empty (list of string)", list(str("a")))).isTrue();
  }

  @Test
  void alternativesAndCoercionsTakeEitherSide() {
    assertThat(fits("string or list of string", str("a"))).isTrue();
    assertThat(fits("string or list of string", list(str("a")))).isTrue();
    assertThat(fits("string or list of string", num(1))).isFalse();
    assertThat(fits("(attribute set of boolean) or (list of string) convertible to it", list(str("kvm")))).isTrue();
    assertThat(fits("strings concatenated with \"\\n\" or (list of string) convertible to it", str("a"))).isTrue();
    assertThat(fits("signed integer or string matching the pattern [0-9]+%", str("50%"))).isTrue();
    assertThat(fits("positive integer, meaning >0, or value \"auto\" (singular enum)", str("auto"))).isTrue();
    assertThat(fits("positive integer, meaning >0, or value \"auto\" (singular enum)", num(0))).isFalse();
  }

  @Test
  void wordsInsideADescriptionDoNotSplitIt() {
    // " or " inside a named type, inside quotes and inside a pattern belongs to that leaf.
    assertThat(fits("null or (string, not containing newlines or colons)", str("x"))).isTrue();
    assertThat(fits("one of \"a or b\", \"c\"", str("a or b"))).isTrue();
    assertThat(fits("list of string matching the pattern ([^\"[:space:]]|\"[^\"]*\")+", list(str("quiet")))).isTrue();
    assertThat(fits("list of string matching the pattern ([^\"[:space:]]|\"[^\"]*\")+", str("quiet"))).isFalse();
  }

  @Test
  void scalarsAreCheckedByKindAndRange() {
    assertThat(fits("16 bit unsigned integer; between 0 and 65535 (both inclusive)", num(65536))).isFalse();
    assertThat(fits("integer between 0 and 51 (both inclusive)", num(51))).isTrue();
    assertThat(fits("unsigned integer, meaning >=0", num(-1))).isFalse();
    assertThat(fits("positive integer, meaning >0", num(0))).isFalse();
    assertThat(fits("absolute path", str("/srv/photos"))).isTrue();
    assertThat(fits("absolute path", str("photos"))).isFalse();
    assertThat(fits("boolean", str("true"))).isFalse();
    assertThat(fits("one of 0, 1, 2, 3, 4", num(3))).isTrue();
  }

  @Test
  void aPackageIsAnAttributePath() {
    assertThat(fits("package", str("htop"))).isTrue();
    assertThat(fits("list of package", list(str("python3Packages.requests"), str("kdePackages.kate")))).isTrue();
    assertThat(fits("package", str("nb; rm -rf /"))).isFalse();
    assertThat(fits("package", str("if"))).isFalse();
    assertThat(fits("package", str("a.let.b"))).isFalse();
    assertThat(fits("package", str("3d"))).isFalse();
    assertThat(fits("package", str("nb."))).isFalse();
    // The attribute path is below pkgs; homelab writes `pkgs.` itself.
    assertThat(fits("package", str("pkgs.htop"))).isFalse();
  }

  @Test
  void aStringWhereOnlyAPackageGoesBecomesAPackageReference() {
    assertThat(OptionType.parse("list of package").typed(list(str("nb"), str("python3Packages.requests"))))
        .isEqualTo(list(new NixValue.Ref("pkgs.nb"), new NixValue.Ref("pkgs.python3Packages.requests")));
    assertThat(OptionType.parse("null or package").typed(str("immich"))).isEqualTo(new NixValue.Ref("pkgs.immich"));
    // Where a string fits as a string, it stays one.
    assertThat(OptionType.parse("list of (package or string)").typed(list(str("nb")))).isEqualTo(list(str("nb")));
    assertThat(OptionType.parse("list of string").typed(list(str("nb")))).isEqualTo(list(str("nb")));
    // A name that is no attribute path is never made code.
    assertThat(OptionType.parse("list of package").typed(list(str("nb; rm")))).isEqualTo(list(str("nb; rm")));
  }

  private static boolean fits(String type, NixValue value) {
    return OptionType.parse(type).fits(value);
  }

  private static NixValue str(String s) {
    return new NixValue.Str(s);
  }

  private static NixValue num(long n) {
    return new NixValue.Int(n);
  }

  private static NixValue list(NixValue... items) {
    return new NixValue.ListOf(List.of(items));
  }
}
