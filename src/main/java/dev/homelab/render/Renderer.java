package dev.homelab.render;

import dev.homelab.plan.Plan;
import dev.homelab.plan.PlannedFile;
import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    this(null, java.util.Set.of());
  }

  /** A renderer that takes the templates of a lab's own kinds from its catalog folder. */
  public Renderer(dev.homelab.catalog.ServiceCatalog catalog) {
    this(catalog.ownFolder(), catalog.ownKinds());
  }

  private Renderer(java.nio.file.Path ownFolder, java.util.Set<String> ownKinds) {
    config = new Configuration(Configuration.VERSION_2_3_34);
    freemarker.cache.TemplateLoader builtIn = new ClassTemplateLoader(Renderer.class.getClassLoader(), "templates");
    config.setTemplateLoader(ownFolder == null ? builtIn
        : new freemarker.cache.MultiTemplateLoader(new freemarker.cache.TemplateLoader[] {
            new OwnKindTemplates(ownFolder, ownKinds), builtIn}));
    config.setDefaultEncoding("UTF-8");
    config.setLocale(Locale.ROOT);
    config.setNumberFormat("computer");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    config.setAPIBuiltinEnabled(false);
  }

  /**
   * The templates of a lab's own kinds that are missing or do not parse, each located in its
   * file: checked before anything is planned, so a broken template is the user's located
   * error and never a failure halfway through rendering.
   */
  public static dev.homelab.diag.Diagnostics checkOwnTemplates(dev.homelab.catalog.ServiceCatalog catalog) {
    dev.homelab.diag.Diagnostics out = new dev.homelab.diag.Diagnostics();
    if (catalog.ownFolder() == null) {
      return out;
    }
    Renderer renderer = new Renderer(catalog);
    for (String kind : new java.util.TreeSet<>(catalog.ownKinds())) {
      java.nio.file.Path file = catalog.ownFolder().resolve(kind).resolve(kind + ".nix.ftl");
      if (!java.nio.file.Files.isRegularFile(file)) {
        out.error("HL0667", "the service kind `" + kind + "` has no template: `" + file + "` is missing",
            new dev.homelab.diag.Span(file.toString(), 0, 0, 0),
            "most kinds need only `<#import \"/lib/nix.ftl\" as n>` and `<@n.module module/>` in it");
        continue;
      }
      try {
        renderer.config.getTemplate("services/" + kind + "/" + kind + ".nix.ftl");
      } catch (freemarker.core.ParseException e) {
        out.error("HL0667", "the template of `" + kind + "` does not parse: " + firstLine(e.getEditorMessage()),
            new dev.homelab.diag.Span(file.toString(), Math.max(1, e.getLineNumber()), Math.max(1, e.getColumnNumber()), 1),
            "see docs/architecture.md for what a service template holds; the built-in ones are a start");
      } catch (IOException e) {
        out.error("HL0667", "the template of `" + kind + "` cannot be read: " + e.getMessage(),
            new dev.homelab.diag.Span(file.toString(), 0, 0, 0), "make the file readable");
      }
    }
    return out;
  }

  private static String firstLine(String text) {
    String line = text == null ? "" : text.strip();
    int nl = line.indexOf('\n');
    line = nl < 0 ? line : line.substring(0, nl);
    // Freemarker's first sentence says what is wrong; the rest is general advice.
    int stop = line.indexOf(". ");
    return stop < 0 ? line : line.substring(0, stop + 1);
  }

  /**
   * One rendered file, its text encoded in UTF-8 once, as it is hashed, compared and written (a
   * fleet's tens of megabytes are not encoded again by each). The record's {@code equals}
   * compares the bytes by identity: compare {@link #content()}.
   */
  public record Rendered(PlannedFile file, byte[] bytes) {

    /** The text, decoded again: for a reader of a few files, not the emitter's thousands. */
    public String content() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Below this many files a plan is rendered on the calling thread alone: a lab's few dozen
   * files render faster than threads start. A fleet's thousands are shared among the cores,
   * each file rendered whole by one thread, in the plan's order in the result.
   */
  static final int PARALLEL_FROM = 400;

  public List<Rendered> render(Plan plan) {
    // The lab's own files first (one each for all its hosts: the docs page of a fleet is a
    // megabyte, flake.nix a tenth of one), then the hosts' files: a thread left with the docs
    // page at the end would keep the other waiting. The result is in the plan's order.
    List<PlannedFile> files = plan.files();
    List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, files.size()).boxed().toList());
    order.sort(java.util.Comparator.comparing(i -> files.get(i).path().startsWith("hosts/")));
    List<byte[]> done = dev.homelab.work.Cores.map(order, PARALLEL_FROM, i -> render(files.get(i)));
    Rendered[] out = new Rendered[files.size()];
    for (int k = 0; k < order.size(); k++) {
      out[order.get(k)] = new Rendered(files.get(order.get(k)), done.get(k));
    }
    return List.of(out);
  }

  /**
   * The text of the file a thread is rendering: one buffer a thread for every file it renders,
   * grown once to the largest (a StringWriter would start small, synchronize each write and
   * copy its text again).
   */
  private final ThreadLocal<TextBuffer> buffers = ThreadLocal.withInitial(TextBuffer::new);

  private static final class TextBuffer extends java.io.Writer {
    final StringBuilder text = new StringBuilder(1 << 14);

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String s) {
      text.append(s);
    }

    @Override
    public void write(String s, int offset, int length) {
      text.append(s, offset, offset + length);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Renders one file: its text in UTF-8, ending in a newline. */
  byte[] render(PlannedFile f) {
    Map<String, Object> model = new HashMap<>(f.model());
    model.put("nix", new NixHelper());
    model.put("yaml", new YamlHelper());
    model.put("path", f.path());
    try {
      Template t = config.getTemplate(f.template());
      TextBuffer writer = buffers.get();
      StringBuilder text = writer.text;
      text.setLength(0);
      t.process(model, writer);
      if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
        text.append('\n');
      }
      String content = text.toString();
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      if (bytes.length != content.length()) {
        // Not ASCII (a docs page's dash): the buffer may keep its text in UTF-16 from now on,
        // and every later append would widen what it appends. The next file starts a new one.
        buffers.remove();
      }
      return bytes;
    } catch (IOException | TemplateException e) {
      throw new IllegalStateException("template " + f.template() + " failed for " + f.path() + ": " + e.getMessage(), e);
    }
  }
}
