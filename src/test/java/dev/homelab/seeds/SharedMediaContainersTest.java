package dev.homelab.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.testing.Examples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Containers that write into the shared media library keep what they write group-writable
 * (their images default to umask 022), and Plex, whose unclaimed server goes to whoever it
 * takes for local, is not served to the internet until claimed.
 */
class SharedMediaContainersTest {

  @Test
  void mediaContainersWriteGroupWritableFiles() {
    assertThat(Examples.render(Path.of("examples/nuc-homelab.yaml")).get("hosts/nuc/services/deluge.nix"))
        .contains("UMASK = \"002\";");
    assertThat(Examples.render(Path.of("examples/qgroget-server.yaml")).get("hosts/server/services/nicotine-plus.nix"))
        .contains("UMASK = \"002\";");
    assertThat(Examples.render(Path.of("examples/forge.yaml")).get("hosts/forge/services/tdarr.nix"))
        .contains("UMASK_SET = \"002\";");
  }

  @Test
  void anUnclaimedPlexIsServedOverTheTailnetOnly() {
    Map<String, String> forge = Examples.render(Path.of("examples/forge.yaml"));
    assertThat(forge.get("hosts/forge/tunnel.nix")).doesNotContain("plex.holthome.net");
    Map<String, String> claimed = Examples.render(Path.of("examples/forge.yaml"),
        List.of("hosts.forge.services.plex.claimed=true"));
    assertThat(claimed.get("hosts/forge/tunnel.nix")).contains("\"plex.holthome.net\"");
  }
}
