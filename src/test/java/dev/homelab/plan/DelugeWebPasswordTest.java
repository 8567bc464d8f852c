package dev.homelab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homelab.testing.Cli;
import dev.homelab.testing.NixTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NUC's {@code deluge-web-password} unit, its script as Nix evaluates it, run with jq:
 * it puts the password from sops into web.conf the way deluge-web checks it
 * (sha1(pwd_salt + password)), replacing the published default, keeps the rest of the file,
 * makes one when there is none, and leaves an up-to-date file untouched.
 */
class DelugeWebPasswordTest {

  @TempDir
  Path tmp;

  Path conf;
  Path password;
  Path bin;
  Path state;
  String script;

  static final ObjectMapper JSON = new ObjectMapper();

  /** deluge-web's shipped default: the password `deluge` (deluge/ui/web/server.py CONFIG_DEFAULTS). */
  static final String DEFAULT_SALT = "c26ab3bbd8b137f99cd83c2c1c0963bcc1a35cad";
  static final String DEFAULT_SHA1 = "2ce1a410bcdcc53064129b6d950f2e9fee4edc1e";

  @BeforeEach
  void generate() throws Exception {
    NixTool.require();
    dev.homelab.testing.Tool.require("jq", "jq");
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.run("gen", "-f", "examples/nuc-homelab.yaml", "-o", out.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    password = tmp.resolve("web-password");
    Path eval = tmp.resolve("script.nix");
    Files.writeString(eval, "(import " + out.resolve("hosts/nuc/services/deluge.nix")
        + " { pkgs = { jq = null; }; config = { sops.secrets.\"deluge/web-password\".path = \"" + password + "\"; }; })"
        + ".systemd.services.deluge-web-password.script\n");
    NixTool.Result r = NixTool.evalJson(eval);
    assertThat(r.exit()).as(r.err()).isZero();
    conf = tmp.resolve("config/web.conf");
    Files.createDirectories(conf.getParent());
    String evaluated = JSON.readValue(r.out(), String.class);
    assertThat(evaluated).contains("conf='/var/lib/deluge/web.conf'");
    script = evaluated.replace("conf='/var/lib/deluge/web.conf'", "conf='" + conf + "'");
    // chown needs root: a stand-in records the call.
    state = Files.createDirectories(tmp.resolve("state"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    Files.copy(Path.of("src/test/resources/fake-zfs/chown"), bin.resolve("chown"));
    Files.setPosixFilePermissions(bin.resolve("chown"), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  int run() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", script);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("FAKE_ZFS_STATE", state.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return p.exitValue();
  }

  /** The JSON documents of a Deluge config file: the version header, then the settings. */
  List<JsonNode> documents() throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = JSON.getFactory().createParser(Files.readString(conf))) {
      JSON.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    }
    return docs;
  }

  static String sha1(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** deluge-web's own check of a password against the file. */
  boolean delugeAccepts(String candidate) throws Exception {
    JsonNode settings = documents().get(1);
    return sha1(settings.get("pwd_salt").asText() + candidate).equals(settings.get("pwd_sha1").asText());
  }

  @Test
  void replacesThePublishedDefaultAndKeepsTheRest() throws Exception {
    Files.writeString(password, "correct horse\n");
    Files.writeString(conf, "{\n    \"file\": 2,\n    \"format\": 1\n}{\n    \"default_daemon\": \"d1f2\",\n"
        + "    \"port\": 8112,\n    \"pwd_salt\": \"" + DEFAULT_SALT + "\",\n    \"pwd_sha1\": \"" + DEFAULT_SHA1 + "\"\n}");
    assertThat(delugeAccepts("deluge")).as("the fixture is deluge-web's default").isTrue();

    run();
    List<JsonNode> docs = documents();
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).get("file").asInt()).isEqualTo(2);
    assertThat(docs.get(1).get("default_daemon").asText()).isEqualTo("d1f2");
    assertThat(docs.get(1).get("port").asInt()).isEqualTo(8112);
    assertThat(delugeAccepts("correct horse")).isTrue();
    assertThat(delugeAccepts("deluge")).isFalse();
    assertThat(Files.readString(state.resolve("log"))).contains("chown 2994:2990 ");

    String before = Files.readString(conf);
    run();
    assertThat(Files.readString(conf)).as("an up-to-date file is left as it is").isEqualTo(before);

    Files.writeString(password, "another one");
    run();
    assertThat(delugeAccepts("another one")).isTrue();
    assertThat(delugeAccepts("correct horse")).isFalse();
  }

  @Test
  void writesAConfigWhenThereIsNone() throws Exception {
    Files.writeString(password, "s3cret");
    run();
    List<JsonNode> docs = documents();
    assertThat(docs.get(0)).isEqualTo(((ObjectNode) JSON.createObjectNode()).put("file", 2).put("format", 1));
    assertThat(delugeAccepts("s3cret")).isTrue();
    assertThat(Files.list(conf.getParent())).containsExactly(conf);
  }
}
