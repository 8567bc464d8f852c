package dev.homelab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an option's value as one of an enum's constants, written in lower case as the command
 * line spells them ({@code --format sarif}, {@code --color never}); anything else is refused
 * with the words it takes. A subclass names the enum and what its values are called.
 */
abstract class LowerCase<E extends Enum<E>> implements ITypeConverter<E> {

  private final Class<E> type;
  private final String what;

  LowerCase(Class<E> type, String what) {
    this.type = type;
    this.what = what;
  }

  @Override
  public E convert(String value) {
    for (E constant : type.getEnumConstants()) {
      if (word(constant).equals(value)) {
        return constant;
      }
    }
    throw new TypeConversionException("unknown " + what + " `" + value + "`: use " + choices(words(type)));
  }

  static String word(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> List<String> words(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(LowerCase::word).toList();
  }

  /** "a, b or c". */
  private static String choices(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }

  /** The words an enum's option takes, for shell completion: a subclass names the enum. */
  abstract static class Names<E extends Enum<E>> extends ArrayList<String> {
    Names(Class<E> type) {
      super(words(type));
    }
  }
}
