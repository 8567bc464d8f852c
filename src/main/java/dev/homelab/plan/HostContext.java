package dev.homelab.plan;

import dev.homelab.catalog.EffectiveService;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.plan.storage.DatasetLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the planners of one host share: the spec, the host, its deployed services and
 * datasets, and what they collect for others (secrets, groups, extra files to import).
 */
public final class HostContext {

  public final Spec spec;
  public final String name;
  public final Host host;
  public final List<EffectiveService> services;
  public final DatasetLayout datasets;
  public final Headers headers;
  public final Map<String, SecretUse> secrets = new LinkedHashMap<>();
  /** For each secret this host reads: the user each reader needs its file to belong to, and what reads it as that user. */
  public final Map<String, Map<String, String>> readers = new LinkedHashMap<>();
  public final TreeSet<String> groups = new TreeSet<>();
  public final List<String> imports = new ArrayList<>();
  /** pgBackRest's repositories on this host, by name and where they are, as BackupPlanner wrote them. */
  public final Map<String, String> pgRepositories = new LinkedHashMap<>();
  /** Every host's datasets, by host: what another host replicates here, and the policy of each. */
  public final Map<String, DatasetLayout> layouts;
  /** Each service's facts, made once by the first planner that asks (ServicePlanner.facts). */
  public final Map<EffectiveService, Map<String, Object>> facts = new java.util.IdentityHashMap<>();
  /** What each backup job takes on this host, by job name (BackupPlanner.contents), made once. */
  public final Map<String, dev.homelab.plan.backup.BackupPlanner.Contents> backupContents = new java.util.HashMap<>();
  /** Each service's systemd units by their names in the lab's release (ServicePlanner.units), made once. */
  public final Map<EffectiveService, List<String>> units = new java.util.IdentityHashMap<>();
  /** Each service's container volumes on the host side (ServicePlanner.volumes), made once. */
  public final Map<EffectiveService, List<String>> volumes = new java.util.IdentityHashMap<>();
  /** The services' facts as their neighbours see them ({@code peer.<kind>...}), made with the first facts asked for. */
  public dev.homelab.plan.service.PeerFacts peerFacts;

  public HostContext(Spec spec, String name, Host host, List<EffectiveService> services, DatasetLayout datasets, Headers headers) {
    this(spec, name, host, services, datasets, headers, new LinkedHashMap<>());
  }

  /** As above, with every host's datasets given: one map the contexts of a fleet's hosts share, not a copy each. */
  public HostContext(Spec spec, String name, Host host, List<EffectiveService> services, DatasetLayout datasets, Headers headers,
      Map<String, DatasetLayout> layouts) {
    this.layouts = layouts;
    this.spec = spec;
    this.name = name;
    this.host = host;
    this.services = services;
    this.datasets = datasets;
    this.headers = headers;
  }

  /** The header of a Nix file of this host. */
  public List<String> nixHeader() {
    if (nixHeader == null) {
      nixHeader = List.copyOf(headers.nix("hosts/" + name + "/local.nix"));
    }
    return nixHeader;
  }

  /** {@link #nixHeader()}, made once: the same lines head every Nix file of the host. */
  private List<String> nixHeader;

  /**
   * Records that something on this host reads a secret. The spec's declaration wins over
   * the user's defaults for owner, group and mode.
   */
  public void useSecret(String secret, String owner, String group, String usedBy, String hint) {
    useSecret(secret, owner, group, null, usedBy, hint);
  }

  /** As above, with the mode the reader needs (null: {@code 0400}). */
  public void useSecret(String secret, String owner, String group, String mode, String usedBy, String hint) {
    var declared = spec.secrets().get(secret);
    String o = declared != null && declared.owner() != null ? declared.owner() : owner == null ? "root" : owner;
    String g = declared != null && declared.group() != null ? declared.group() : group == null ? o : group;
    String m = declared != null && declared.mode() != null ? declared.mode() : mode == null ? "0400" : mode;
    String h = declared != null && declared.hint() != null ? declared.hint() : hint;
    readers.computeIfAbsent(secret, k -> new LinkedHashMap<>()).merge(owner == null ? "root" : owner, usedBy, (a, b) -> a + "; " + b);
    SecretUse previous = secrets.get(secret);
    String by = previous == null ? usedBy : previous.usedBy() + "; " + usedBy;
    secrets.put(secret, new SecretUse(secret, o, g, m, by, h));
  }

  /** The {@code sops.secrets.<name>} binding for a secret this file reads. */
  public dev.homelab.nix.Binding sopsBinding(String secret) {
    SecretUse use = secrets.get(secret);
    Bindings b = new Bindings();
    if (!"root".equals(use.owner())) {
      b.str("owner", use.owner());
    }
    if (!use.group().equals(use.owner())) {
      b.str("group", use.group());
    }
    if (!"0400".equals(use.mode())) {
      b.str("mode", use.mode());
    }
    return dev.homelab.nix.Binding.of(List.of("sops", "secrets", secret), b.attrs());
  }

  /** A generated module of this host. */
  public PlannedFile module(String file, String template, List<String> comment, List<dev.homelab.nix.Binding> bindings) {
    return module(file, template, comment, List.of(), bindings);
  }

  /** A generated module of this host that binds {@code lets} once for its options to share. */
  public PlannedFile module(String file, String template, List<String> comment, List<dev.homelab.nix.Binding> lets,
      List<dev.homelab.nix.Binding> bindings) {
    imports.add("./" + file);
    return new PlannedFile("hosts/" + name + "/" + file, Ownership.GENERATED, template,
        Map.of("module", new NixModule(nixHeader(), comment, lets, bindings), "host", name));
  }
}
