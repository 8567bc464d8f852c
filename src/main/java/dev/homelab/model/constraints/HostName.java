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
 * A host another machine is reached at over SSH: a DNS host name ({@code nas-1},
 * {@code nas.lan}; labels of 1 to 63 letters, digits and {@code -}, at most 253 characters)
 * or an IPv4 address. IPv6 literals are refused: the {@code user@host:path} forms of
 * Syncoid and restic cannot hold them. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface HostName {

  /** Used only when the check gives no message of its own (it always does). */
  String message() default "not a host name or IPv4 address (`nas-1`, `nas.lan`, `192.168.1.20`)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
