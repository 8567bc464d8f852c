package dev.homelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Suggest;
import dev.homelab.inspect.PortRow;
import dev.homelab.inspect.Ports;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code homelab ports}: every way into every service, a table per host. */
@Command(name = "ports", mixinStandardHelpOptions = true,
    description = {"List the ports of the lab's services, a table per host: port, protocol, service, bind address,",
        "exposure (lan, tailnet, public; local: the host only) and URL (through the proxy). Writes nothing; exit 1 when the spec is invalid."})
public final class PortsCommand implements Callable<Integer> {

  /** The output formats. */
  public enum Format { TEXT, JSON, CSV }

  @Mixin
  SpecOptions options;

  @Option(names = "--host", paramLabel = "HOST", description = "Only this host's table.")
  String host;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
      description = "text (default, a table per host), json (an array of rows) or csv (a header line, then a row a line).")
  Format format = Format.TEXT;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  static final List<String> COLUMNS = List.of("host", "port", "protocol", "service", "bind", "exposure", "url");

  @Override
  public Integer call() throws Exception {
    Pipeline.Checked checked = CheckedSpec.load(options, spec, ServiceCatalog.builtIn());
    if (checked == null) {
      return ExitCodes.INVALID;
    }
    if (host != null && !checked.spec().hosts().containsKey(host)) {
      String near = Suggest.closest(host, checked.spec().hosts().keySet()).map(n -> " (did you mean `" + n + "`?)").orElse("");
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--host `" + host + "` is no host of the spec"
          + near + "; its hosts: " + String.join(", ", checked.spec().hosts().keySet()));
    }
    List<PortRow> rows = Ports.of(checked.spec(), checked.catalog()).stream()
        .filter(r -> host == null || r.host().equals(host)).toList();
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case JSON -> out.println(json(rows));
      case CSV -> out.print(csv(rows));
      case TEXT -> out.print(text(rows, host == null ? checked.spec().hosts().keySet() : List.of(host)));
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String json(List<PortRow> rows) throws com.fasterxml.jackson.core.JsonProcessingException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PortRow r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host", r.host());
      m.put("service", r.service());
      m.put("port", r.port());
      m.put("protocol", r.protocol());
      m.put("bind", r.bind());
      m.put("exposure", words(r));
      m.put("url", r.url());
      out.add(m);
    }
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
  }

  static String csv(List<PortRow> rows) {
    StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (PortRow r : rows) {
      b.append(String.join(",", cells(r).stream().map(PortsCommand::csvCell).toList())).append("\r\n");
    }
    return b.toString();
  }

  private static List<String> cells(PortRow r) {
    return List.of(r.host(), String.valueOf(r.port()), r.protocol(), r.service(), r.bind(), String.join(", ", words(r)),
        r.url() == null ? "" : r.url());
  }

  /**
   * Who reaches the port, in the table's words: {@code lan}, {@code tailnet}, {@code public},
   * or {@code local} when nothing beyond the host does.
   */
  static List<String> words(PortRow r) {
    return r.exposure().isEmpty() ? List.of("local") : r.exposure().stream().map(PortsCommand::word).toList();
  }

  /** The table's word for an exposure's wire name: the tailnet is {@code tailnet}. */
  public static String word(String wire) {
    return wire.equals(dev.homelab.model.Exposure.TAILSCALE.wire()) ? "tailnet" : wire;
  }

  private static String csvCell(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static String text(List<PortRow> rows, java.util.Collection<String> hosts) {
    StringBuilder b = new StringBuilder();
    List<String> header = COLUMNS.subList(1, COLUMNS.size());
    for (String h : hosts) {
      List<List<String>> table = new ArrayList<>();
      table.add(header);
      rows.stream().filter(r -> r.host().equals(h)).forEach(r -> table.add(cells(r).subList(1, COLUMNS.size())));
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(h).append('\n');
      if (table.size() == 1) {
        b.append("  (no services)\n");
        continue;
      }
      int[] width = new int[header.size()];
      for (List<String> row : table) {
        for (int c = 0; c < row.size(); c++) {
          width[c] = Math.max(width[c], row.get(c).length());
        }
      }
      for (List<String> row : table) {
        StringBuilder line = new StringBuilder(" ");
        for (int c = 0; c < row.size(); c++) {
          line.append(' ').append(c == 0 ? pad(row.get(c), width[c], true) : pad(row.get(c), width[c], false));
        }
        b.append(line.toString().stripTrailing()).append('\n');
      }
    }
    return b.toString();
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  static final class FormatConverter extends LowerCase<Format> {
    FormatConverter() {
      super(Format.class, "format");
    }
  }
}
