package dev.homelab.render;

import dev.homelab.plan.Plan;
import dev.homelab.plan.PlannedFile;
import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats each planned file through its Freemarker template (from {@code templates/} in the
 * jar). Templates only loop and branch over the plan; Nix and YAML literals come from the
 * helpers, never from template text.
 */
public final class Renderer {

  private final Configuration config;

  public Renderer() {
    config = new Configuration(Configuration.VERSION_2_3_34);
    config.setTemplateLoader(new ClassTemplateLoader(Renderer.class.getClassLoader(), "templates"));
    config.setDefaultEncoding("UTF-8");
    config.setLocale(Locale.ROOT);
    config.setNumberFormat("computer");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    config.setAPIBuiltinEnabled(false);
  }

  /** One rendered file. */
  public record Rendered(PlannedFile file, String content) {}

  public List<Rendered> render(Plan plan) {
    List<Rendered> out = new ArrayList<>();
    for (PlannedFile f : plan.files()) {
      out.add(new Rendered(f, render(f)));
    }
    return out;
  }

  String render(PlannedFile f) {
    Map<String, Object> model = new HashMap<>(f.model());
    model.put("nix", new NixHelper());
    model.put("yaml", new YamlHelper());
    model.put("path", f.path());
    try {
      Template t = config.getTemplate(f.template());
      StringWriter w = new StringWriter();
      t.process(model, w);
      String text = w.toString();
      return text.endsWith("\n") ? text : text + "\n";
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("template " + f.template() + " failed for " + f.path() + ": " + e.getMessage(), e);
    }
  }
}
