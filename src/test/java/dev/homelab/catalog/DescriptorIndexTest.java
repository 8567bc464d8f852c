package dev.homelab.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.load.Node;
import dev.homelab.load.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The descriptor index the build writes holds exactly the trees the YAML loader makes of the descriptors. */
class DescriptorIndexTest {

  @Test
  void everyKindsTreeIsTheParsedYamlWithItsPlaces() throws Exception {
    DescriptorIndex index = DescriptorIndex.builtIn();
    ServiceCatalog catalog = ServiceCatalog.builtIn();
    assertThat(index.kinds()).containsExactlyInAnyOrderElementsOf(catalog.kinds());
    for (String kind : catalog.kinds()) {
      String name = "templates/services/" + kind + "/service.yaml";
      String text = Files.readString(Path.of("templates/services", kind, "service.yaml"), StandardCharsets.UTF_8);
      Node parsed = new SpecLoader().loadText(name, text);
      assertThat(index.tree(kind)).as(kind).isEqualTo(parsed);
    }
    assertThat(index.tree("no-such-kind")).isNull();
  }

  @Test
  void aFileThatIsNoIndexIsRefused() {
    assertThatThrownBy(() -> DescriptorIndex.read("kind: x\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class).hasMessageContaining("not a descriptor index");
  }

  @Test
  void aTreeSurvivesTheRoundTripWithNullsAndRepeatedStrings() throws Exception {
    Node tree = new SpecLoader().loadText("t.yaml", "a: { b: [x, x, 1, true, ~, 'q'] }\nc: \"x\"\n");
    byte[] block = DescriptorIndex.write(tree);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.writeInt(0x484c4431);
    out.writeInt(1);
    out.writeUTF("t");
    out.writeInt(block.length);
    out.write(block);
    assertThat(DescriptorIndex.read(bytes.toByteArray()).tree("t")).isEqualTo(tree);
  }
}
