package dev.homelab.render;

import dev.homelab.nix.Binding;
import dev.homelab.nix.NixFormat;
import dev.homelab.nix.NixValue;
import java.util.List;

/**
 * What templates call to write Nix ({@code ${nix.str(x)}}, {@code ${nix.bindings(b, 2)}}):
 * every literal comes whole from {@link NixFormat}, so templates never write quotes.
 */
public final class NixHelper {

  /** A double-quoted string literal. */
  public String str(String s) {
    return NixFormat.string(s);
  }

  /** An attribute name, quoted only when needed. */
  public String attr(String name) {
    return NixFormat.attrName(name);
  }

  /** A relative path literal ({@code ./hosts/nuc}). */
  public String path(String p) {
    return NixFormat.value(new NixValue.Path(p), 0);
  }

  /** A value at an indentation. */
  public String value(NixValue v, int indent) {
    return NixFormat.value(v, indent);
  }

  /** Bindings, one per line, at an indentation. */
  public String bindings(List<Binding> bindings, int indent) {
    return NixFormat.bindings(bindings, indent);
  }
}
