package dev.homelab.render;

import freemarker.cache.FileTemplateLoader;
import freemarker.cache.TemplateLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Set;

/**
 * The templates of a lab's own service kinds: {@code services/<kind>/...} is read from
 * {@code <catalog>/<kind>/...} for the kinds the lab's catalog folder holds; any other name
 * is not found here, so the built-in templates (and {@code /lib/nix.ftl}) come from the jar.
 */
final class OwnKindTemplates implements TemplateLoader {

  private static final String PREFIX = "services/";

  private final FileTemplateLoader files;
  private final Set<String> kinds;

  OwnKindTemplates(Path folder, Set<String> kinds) {
    try {
      this.files = new FileTemplateLoader(folder.toFile());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.kinds = Set.copyOf(kinds);
  }

  @Override
  public Object findTemplateSource(String name) throws IOException {
    if (!name.startsWith(PREFIX)) {
      return null;
    }
    String rest = name.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0 || !kinds.contains(rest.substring(0, slash))) {
      return null;
    }
    return files.findTemplateSource(rest);
  }

  @Override
  public long getLastModified(Object source) {
    return files.getLastModified(source);
  }

  @Override
  public Reader getReader(Object source, String encoding) throws IOException {
    return files.getReader(source, encoding);
  }

  @Override
  public void closeTemplateSource(Object source) throws IOException {
    files.closeTemplateSource(source);
  }
}
