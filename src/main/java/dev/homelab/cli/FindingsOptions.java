package dev.homelab.cli;

import dev.homelab.diag.report.Format;
import picocli.CommandLine.Option;

/** How a command reports its findings: the format, and what makes the run fail. */
public final class FindingsOptions {

  /** The least severe finding that fails the run. */
  public enum FailOn { ERROR, WARNING }

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      converter = FormatConverter.class, completionCandidates = FormatNames.class,
      description = "How findings are printed: text (default, on stderr), json, sarif or github (on stdout; "
          + "everything else then goes to stderr).")
  Format format = Format.TEXT;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      converter = FailOnConverter.class, completionCandidates = FailOnNames.class,
      description = "error (default): only errors fail the run; warning: any warning not suppressed fails it too "
          + "(exit 1, nothing written).")
  FailOn failOn = FailOn.ERROR;

  @Option(names = "--docs-url", paramLabel = "URL", converter = DocsUrlConverter.class,
      description = "Where the pages of docs/errors/ are published (https://.../docs/errors/): SARIF rules and JSON "
          + "findings then link each code's page there, and text findings end with its address.")
  String docsUrl;

  static final class DocsUrlConverter implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      java.net.URI uri;
      try {
        uri = new java.net.URI(value);
      } catch (java.net.URISyntaxException e) {
        uri = null;
      }
      if (uri == null || !uri.isAbsolute() || uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http") || uri.getScheme().equals("file"))) {
        throw new picocli.CommandLine.TypeConversionException(
            "`" + value + "` is not an absolute http(s) or file URL, such as https://git.example.org/homelab/raw/main/docs/errors/");
      }
      return value.endsWith("/") ? value : value + "/";
    }
  }

  static final class FormatConverter extends LowerCase<Format> {
    FormatConverter() {
      super(Format.class, "format");
    }
  }

  static final class FailOnConverter extends LowerCase<FailOn> {
    FailOnConverter() {
      super(FailOn.class, "level");
    }
  }

  /** The values FormatConverter takes, for shell completion. */
  static final class FormatNames extends LowerCase.Names<Format> {
    FormatNames() {
      super(Format.class);
    }
  }

  /** The values FailOnConverter takes, for shell completion. */
  static final class FailOnNames extends LowerCase.Names<FailOn> {
    FailOnNames() {
      super(FailOn.class);
    }
  }
}
