package dev.homelab.init;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.catalog.SettingSpec;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.Sources;
import dev.homelab.diag.Span;
import dev.homelab.diag.Suggest;
import dev.homelab.render.YamlHelper;
import dev.homelab.validate.values.Addresses;
import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The starter spec of {@code homelab init}: what the command line asks for, checked value by
 * value (each finding located at its flag, as {@code --set#N} is), then rendered from
 * {@code dev/homelab/init/homelab.yaml.ftl}.
 */
public final class Starter {

  /** Where the schema goes, relative to the spec's folder; the modeline names it. */
  public static final String SCHEMA_PATH = ".homelab/spec.schema.json";
  /** The spec's file name, the one {@code validate} and {@code gen} read by default. */
  public static final String SPEC_FILE = "homelab.yaml";

  // As the model's Lab.name and validate's host-name grammar (HL0340) have them.
  private static final Pattern LAB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern HOST = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  /** What the command line asks for. */
  public record Request(String name, String domain, String host, List<String> services, String release) {}

  private final ServiceCatalog catalog;
  private final Sources sources;
  private final Diagnostics diagnostics = new Diagnostics();

  public Starter(ServiceCatalog catalog, Sources sources) {
    this.catalog = catalog;
    this.sources = sources;
  }

  /** The findings of {@link #check}. */
  public Diagnostics diagnostics() {
    return diagnostics;
  }

  /** Checks every value of the request; the findings are in {@link #diagnostics()}. Returns the services without repeats. */
  public List<String> check(Request r) {
    if (!LAB_NAME.matcher(r.name()).matches()) {
      error("HL0604", "--name", r.name(), "`" + r.name() + "` is not a lab name",
          "use letters, digits, `.`, `_` and `-`, starting with a letter or digit: --name " + labName(r.name()));
    }
    var domain = Addresses.domain(r.domain());
    if (domain != null) {
      error("HL0602", "--domain", r.domain(), domain.message(), domain.hint());
    }
    if (!HOST.matcher(r.host()).matches()) {
      String lower = r.host().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
      error("HL0603", "--host", r.host(), "`" + r.host() + "` is not a host name of the spec",
          "use lowercase letters, digits and `-`, starting with a letter, at most 63"
              + (HOST.matcher(lower).matches() ? ": --host " + lower : ""));
    }
    List<String> kinds = catalog.kinds();
    LinkedHashSet<String> services = new LinkedHashSet<>();
    for (int i = 0; i < r.services().size(); i++) {
      String kind = r.services().get(i);
      if (!kinds.contains(kind) || kind.equals("container")) {
        String hint = Suggest.didYouMean(kind, kinds);
        error("HL0601", "--service#" + (i + 1), kind, kind.equals("container")
                ? "`container` runs an image of your own and needs its `container:` block"
                : "no service kind `" + kind + "` in the catalog",
            kind.equals("container") ? "add it to the spec after init (docs/spec.md, \"container\")"
                : (hint != null ? hint : "`homelab catalog` lists the kinds"));
        continue;
      }
      if (catalog.find(kind).orElseThrow().requiresVpn()) {
        error("HL0601", "--service#" + (i + 1), kind, "`" + kind + "` runs only inside a VPN, which needs your provider's key",
            "add it after init, with its `vpn:` block (docs/spec.md, \"vpn\")");
        continue;
      }
      services.add(kind);
    }
    return List.copyOf(services);
  }

  /**
   * The secrets the services read by their catalog's defaults, which the spec must declare:
   * each setting of type {@code secret}, unless it matters only beside a kind the host does
   * not run (or only without one it runs).
   */
  public List<String> secrets(List<String> kinds) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String kind : kinds) {
      for (SettingSpec setting : catalog.find(kind).orElseThrow().settings().values()) {
        if (!"secret".equals(setting.type())) {
          continue;
        }
        String with = setting.onlyWith();
        if (with != null && kinds.contains(with.startsWith("!") ? with.substring(1) : with) == with.startsWith("!")) {
          continue;
        }
        if (setting.defaultValue() instanceof Map<?, ?> m && m.get("secret") instanceof String name) {
          names.add(name);
        }
      }
    }
    return List.copyOf(names);
  }

  /** The starter spec's text. */
  public static String render(Request r, List<String> services, List<String> secrets) {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setTemplateLoader(new ClassTemplateLoader(Starter.class.getClassLoader(), "dev/homelab/init"));
    config.setDefaultEncoding("UTF-8");
    config.setLocale(Locale.ROOT);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setAPIBuiltinEnabled(false);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("schemaPath", SCHEMA_PATH);
    model.put("name", r.name());
    model.put("domain", r.domain());
    model.put("host", r.host());
    model.put("release", r.release());
    model.put("services", services);
    model.put("secrets", secrets);
    model.put("yaml", new YamlHelper());
    StringWriter out = new StringWriter();
    try {
      config.getTemplate("homelab.yaml.ftl").process(model, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TemplateException e) {
      throw new IllegalStateException("the starter template failed: " + e.getMessage(), e);
    }
    return out.toString();
  }

  /** A lab name made of a folder's name: its letters, digits, `.`, `_` and `-`; `homelab` when none is left. */
  public static String labName(String folder) {
    String n = folder == null ? "" : folder.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[._-]+", "");
    return n.isEmpty() ? "homelab" : n;
  }

  private void error(String code, String flag, String value, String message, String hint) {
    sources.add(flag, value);
    diagnostics.error(code, message, new Span(flag, 1, 1, Math.max(1, value.length())), hint);
  }

  /** For the command: a finding about a file (the spec that exists, a folder that is a file). */
  public void refuse(String code, String file, String firstLine, String message, String hint) {
    if (firstLine != null) {
      sources.add(file, firstLine);
      diagnostics.error(code, message, new Span(file, 1, 1, Math.max(1, firstLine.length())), hint);
    } else {
      diagnostics.error(code, message, new Span(file, 0, 0, 0), hint);
    }
  }
}
