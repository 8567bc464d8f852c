package dev.homelab.schema;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import dev.homelab.model.Named;
import dev.homelab.model.OneOrMany;
import dev.homelab.model.SecretRef;
import dev.homelab.model.Size;
import dev.homelab.model.Spec;
import dev.homelab.model.constraints.AbsolutePath;
import dev.homelab.model.constraints.Cidr;
import dev.homelab.model.constraints.DomainName;
import dev.homelab.model.constraints.EmailAddress;
import dev.homelab.model.constraints.HostName;
import dev.homelab.model.constraints.InterfaceAddress;
import dev.homelab.model.constraints.NetworkInterface;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema of the spec, generated from the model records: keys and types from their
 * components, required keys, ranges and patterns from their constraints, defaults from their
 * compact constructors, descriptions from docs/spec.md ({@link SpecDocs}). It accepts what the
 * binder accepts: {@code null} for a key not given, {@code true}/{@code false} for a record
 * with an {@code enable} key, one value for a {@link OneOrMany} list, a number or a string for
 * a size, {@code { secret: NAME }} for a secret reference; and no other key in a record.
 */
public final class SpecSchema {

  /**
   * The value kinds of {@code dev.homelab.model.constraints} as patterns: the form of each
   * kind, looser than its check (ranges of numbers, lengths and {@code ..} parts are left to
   * {@code validate}), so a spec the schema refuses is one {@code validate} refuses too.
   */
  static final Map<Class<? extends Annotation>, String> KIND_PATTERNS = kindPatterns();

  private static Map<Class<? extends Annotation>, String> kindPatterns() {
    String label = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
    String ipv4 = "[0-9]{1,3}(\\.[0-9]{1,3}){3}";
    String ipv6 = "[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*";
    Map<Class<? extends Annotation>, String> m = new LinkedHashMap<>();
    m.put(AbsolutePath.class, "^/([A-Za-z0-9._@+-]+(/[A-Za-z0-9._@+-]+)*)?$");
    m.put(DomainName.class, "^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]([a-z0-9-]*[a-z0-9])?$");
    m.put(HostName.class, "^(" + label + ")(\\." + label + ")*$");
    m.put(Cidr.class, "^(" + ipv4 + "|" + ipv6 + ")/[0-9]{1,3}$");
    m.put(InterfaceAddress.class, "^(" + ipv4 + "|" + ipv6 + ")/[0-9]{1,3}$");
    m.put(NetworkInterface.class, "^[A-Za-z0-9_.@+-]{1,15}$");
    m.put(EmailAddress.class, "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    return m;
  }

  private static final String SIZE_PATTERN = "^[0-9]+(\\.[0-9]+)?[KMGTPkmgtp]?$";

  private final SpecDocs docs;
  private final Map<Class<?>, Object> defaults = new ConcurrentHashMap<>();

  public SpecSchema(SpecDocs docs) {
    this.docs = docs;
  }

  /** The schema of the shipped model, described by the shipped docs/spec.md. */
  public static String builtIn() {
    return new SpecSchema(SpecDocs.builtIn()).text();
  }

  static {
    // The generator logs through SLF4J, which warns on the terminal when no logger is bound.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  /** The schema as a tree. */
  public ObjectNode tree() {
    SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7, OptionPreset.PLAIN_JSON)
        .with(Option.NULLABLE_FIELDS_BY_DEFAULT, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
            Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.PLAIN_DEFINITION_KEYS,
            Option.INLINE_NULLABLE_SCHEMAS)
        .without(Option.NONPUBLIC_STATIC_FIELDS, Option.PUBLIC_STATIC_FIELDS)
        .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED));
    config.forTypesInGeneral().withCustomDefinitionProvider(new Shorthands())
        .withDescriptionResolver(t -> t.getType().getErasedType().isRecord() && t.getType().getErasedType() != Spec.class
            ? docs.describeRecord(t.getType().getErasedType()) : null);
    config.forFields()
        .withTargetTypeOverridesResolver(SpecSchema::oneOrMany)
        .withStringPatternResolver(this::pattern)
        .withArrayUniqueItemsResolver(f -> !f.isFakeContainerItemScope() && f.getType() != null
            && f.getType().isInstanceOf(Set.class) ? Boolean.TRUE : null)
        .withDescriptionResolver(f -> f.isFakeContainerItemScope() ? null : docs.describe(f.getDeclaringType().getErasedType(), f.getName()))
        .withDefaultResolver(f -> f.isFakeContainerItemScope() ? null : defaultOf(f.getDeclaringType().getErasedType(), f.getName()));
    ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(Spec.class);
    ObjectNode out = schema.objectNode();
    out.put("$schema", schema.get("$schema").asText());
    out.put("title", "homelab spec");
    out.put("description", "A homelab spec (homelab.yaml): the lab, its hosts and their services. `homelab validate` checks what the schema cannot.");
    schema.remove("$schema");
    out.setAll(schema);
    return out;
  }

  /** The schema as JSON text: two-space indentation, `\n` line ends, a final newline. */
  public String text() {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return new ObjectMapper().writer(printer).writeValueAsString(tree()) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code from: restic} for {@code from: [restic]}: either the list or one of its items. */
  private static List<ResolvedType> oneOrMany(FieldScope field) {
    if (field.isFakeContainerItemScope() || field.getAnnotationConsideringFieldAndGetter(OneOrMany.class) == null) {
      return null;
    }
    ResolvedType list = field.getType();
    return List.of(list, list.getTypeParameters().get(0));
  }

  private String pattern(FieldScope field) {
    if (field.isFakeContainerItemScope() || !field.getType().isInstanceOf(Collection.class)) {
      Pattern p = field.isFakeContainerItemScope()
          ? field.getContainerItemAnnotationConsideringFieldAndGetter(Pattern.class)
          : field.getAnnotationConsideringFieldAndGetter(Pattern.class);
      if (p != null) {
        return "^(" + p.regexp() + ")$";
      }
      for (Map.Entry<Class<? extends Annotation>, String> kind : KIND_PATTERNS.entrySet()) {
        Annotation a = field.isFakeContainerItemScope()
            ? field.getContainerItemAnnotationConsideringFieldAndGetter(kind.getKey())
            : field.getAnnotationConsideringFieldAndGetter(kind.getKey());
        if (a instanceof AbsolutePath path && path.or().length > 0) {
          // Words accepted in place of a path (`mountpoint: none`).
          String form = kind.getValue();
          return "^(" + String.join("|", path.or()) + "|" + form.substring(1, form.length() - 1) + ")$";
        }
        if (a != null) {
          return kind.getValue();
        }
      }
    }
    return null;
  }

  /** The value a record's compact constructor gives a component left out, when it is a plain value. */
  private Object defaultOf(Class<?> record, String component) {
    if (!record.isRecord()) {
      return null;
    }
    Object empty = defaults.computeIfAbsent(record, SpecSchema::emptyInstance);
    if (empty == NONE) {
      return null;
    }
    for (RecordComponent c : record.getRecordComponents()) {
      if (c.getName().equals(component)) {
        try {
          Object v = c.getAccessor().invoke(empty);
          if (v instanceof Named n) {
            return n.wire();
          }
          if (v instanceof Size s) {
            return s.text();
          }
          return v instanceof String || v instanceof Number || v instanceof Boolean ? v : null;
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static final Object NONE = new Object();

  private static Object emptyInstance(Class<?> record) {
    RecordComponent[] components = record.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      if (types[i] == boolean.class) {
        args[i] = false;
      } else if (types[i] == int.class) {
        args[i] = 0;
      } else if (types[i] == long.class) {
        args[i] = 0L;
      }
    }
    try {
      Constructor<?> canonical = record.getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return NONE;
    }
  }

  /** The forms the binder reads that are not a record's plain mapping. */
  private static final class Shorthands implements CustomDefinitionProviderV2 {

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
      Class<?> raw = javaType.getErasedType();
      ObjectNode def = context.getGeneratorConfig().createObjectNode();
      if (raw == SecretRef.class) {
        def.put("type", "object");
        def.put("description", "a secret reference: `{ secret: NAME }`, a name declared under `secrets:`; never the value");
        def.putObject("properties").putObject("secret").put("type", "string").put("minLength", 1);
        def.putArray("required").add("secret");
        def.put("additionalProperties", false);
        return new CustomDefinition(def, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
      }
      if (raw == String.class) {
        // The binder takes a scalar's text as written: `hostId: 12345678`, `stateVersion: 25.05`.
        def.putArray("type").add("string").add("number").add("boolean");
        return new CustomDefinition(def, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
      }
      if (raw == Size.class) {
        def.putArray("type").add("string").add("number");
        def.put("pattern", SIZE_PATTERN);
        def.put("minimum", 0);
        return new CustomDefinition(def, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
      }
      if (raw.isEnum() && Named.class.isAssignableFrom(raw)) {
        def.put("type", "string");
        ArrayNode words = def.putArray("enum");
        for (Object c : raw.getEnumConstants()) {
          words.add(((Named) c).wire());
        }
        return new CustomDefinition(def, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
      }
      if (raw == Map.class) {
        // A map of names you choose: any key; `name:` alone declares an entry with its defaults.
        def.put("type", "object");
        ResolvedType value = javaType.getTypeParameters().get(1);
        if (value.getErasedType() == Object.class) {
          def.putObject("additionalProperties");
        } else {
          ArrayNode either = def.putObject("additionalProperties").putArray("anyOf");
          either.addObject().put("type", "null");
          either.add(context.createDefinitionReference(value));
        }
        return new CustomDefinition(def, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
      }
      if (raw.isRecord() && hasEnable(raw)) {
        // `tailscale: true` is short for `tailscale: { enable: true }`.
        ObjectNode record = context.createStandardDefinition(javaType, this);
        def.putArray("anyOf").add(record).addObject().put("type", "boolean");
        return new CustomDefinition(def, CustomDefinition.DefinitionType.STANDARD, CustomDefinition.AttributeInclusion.NO);
      }
      return null;
    }

    private static boolean hasEnable(Class<?> record) {
      for (RecordComponent c : record.getRecordComponents()) {
        if (c.getName().equals("enable")) {
          return true;
        }
      }
      return false;
    }
  }
}
