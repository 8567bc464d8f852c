package dev.homelab.model.constraints;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An address range in CIDR form, IPv4 ({@code 192.168.1.0/24}) or IPv6 ({@code fd00::/64}),
 * checked by meaning: every octet 0 to 255, groups of at most four hex digits, a prefix
 * length within the family's bits. A range with host bits set ({@code 192.168.1.5/24}) is
 * a warning whose hint is the network it means. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Cidr {

  /** Used only when the check gives no message of its own (it always does). */
  String message() default "not an address range in CIDR form (`192.168.1.0/24`)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
