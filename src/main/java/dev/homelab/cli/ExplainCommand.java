package dev.homelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.homelab.catalog.Effective;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.diag.Codes;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Suggest;
import dev.homelab.diag.TextRenderer;
import dev.homelab.inspect.CodePage;
import dev.homelab.inspect.Explainer;
import dev.homelab.inspect.Explanation;
import dev.homelab.model.Host;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code homelab explain}: what homelab derived for a host or one of its services and where
 * each value came from; or, for a finding code, its page.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain HOST or HOST/SERVICE: what was derived (port, bind address, URL, exposure, firewall, "
        + "datasets, backups, secrets, units, files) and where each value came from; or print the page of a "
        + "finding code such as HL0301.",
        "Exit 0 when explained, 1 when the spec is invalid or names no such host, service or code."})
public final class ExplainCommand implements Callable<Integer> {

  /** The output formats. */
  public enum Format { text, json }

  @Parameters(index = "0", paramLabel = "TARGET", description = "HOST, HOST/SERVICE, or a finding code (HL0301).")
  String target;

  @Mixin
  SpecOptions options;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  Format format = Format.text;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (target.matches("(?i)hl\\d{4}")) {
      return code(target.toUpperCase(java.util.Locale.ROOT), out, err);
    }
    Pipeline pipeline = new Pipeline(ServiceCatalog.builtIn(), options.ownKinds(spec));
    Pipeline.Checked checked;
    try {
      checked = pipeline.check(options.files(spec), options.sets);
    } catch (SpecException e) {
      new TextRenderer(pipeline.sources()).print(e.diagnostics(), err);
      return ExitCodes.INVALID;
    }
    ServiceCatalog catalog = checked.catalog();
    String hostName = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
    String serviceName = target.contains("/") ? target.substring(target.indexOf('/') + 1) : null;
    Host host = checked.spec().hosts().get(hostName);
    if (host == null) {
      return unknown(err, "no host `" + hostName + "` in the spec", hostName, checked.spec().hosts().keySet(),
          "the hosts are " + String.join(", ", checked.spec().hosts().keySet()));
    }
    Explainer explainer = new Explainer(checked.spec(), pipeline.sourceMap(), checked.plan(), catalog, checked.names());
    Explanation explanation;
    if (serviceName == null) {
      explanation = explainer.host(hostName);
    } else {
      var known = Effective.services(checked.spec(), hostName, host, catalog).stream().map(s -> s.name()).toList();
      if (!known.contains(serviceName)) {
        return unknown(err, "no service `" + serviceName + "` on host `" + hostName + "`", serviceName, known,
            known.isEmpty() ? "host `" + hostName + "` has no services" : "its services are " + String.join(", ", known));
      }
      explanation = explainer.service(hostName, serviceName);
    }
    if (format == Format.json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(explanation));
    } else {
      print(explanation, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static int unknown(PrintWriter err, String message, String word, java.util.Collection<String> known, String otherwise) {
    err.println("error: " + message);
    String guess = Suggest.closest(word, known).orElse(null);
    err.println("  = help: " + (guess != null ? "did you mean `" + guess + "`? " : "") + otherwise);
    err.flush();
    return ExitCodes.INVALID;
  }

  private int code(String code, PrintWriter out, PrintWriter err) {
    String page = Codes.page(code);
    if (page == null) {
      String guess = Suggest.closest(code, Codes.codes()).orElse(null);
      err.println("error: no finding code " + code);
      err.println("  = help: " + (guess != null ? "did you mean " + guess + "? " : "")
          + "the codes are listed in docs/errors/README.md");
      err.flush();
      return ExitCodes.INVALID;
    }
    out.print(CodePage.text(page));
    out.flush();
    return ExitCodes.OK;
  }

  static void print(Explanation e, PrintWriter out) {
    out.println(e.service() == null ? "host " + e.host() : e.host() + "/" + e.service());
    for (Explanation.Section s : e.sections()) {
      if (s.facts().isEmpty()) {
        continue;
      }
      out.println();
      out.println("  " + s.name());
      int width = s.facts().stream().mapToInt(f -> f.name().length()).max().orElse(0);
      for (Explanation.Fact f : s.facts()) {
        out.println("    " + f.name() + " ".repeat(width - f.name().length()) + "  " + f.value()
            + (f.from() == null ? "" : "  <- " + f.from()));
      }
    }
  }
}
