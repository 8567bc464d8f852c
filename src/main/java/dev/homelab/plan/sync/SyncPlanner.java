package dev.homelab.plan.sync;

import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.model.BackupJob;
import dev.homelab.model.Host;
import dev.homelab.model.Repository;
import dev.homelab.model.SyncDevice;
import dev.homelab.model.Versioning;
import dev.homelab.nix.Binding;
import dev.homelab.nix.NixValue;
import dev.homelab.plan.Bindings;
import dev.homelab.plan.Headers;
import dev.homelab.plan.HostContext;
import dev.homelab.plan.PlannedFile;
import dev.homelab.plan.backup.BackupPlanner;
import dev.homelab.plan.lab.DocsPlanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans {@code hosts/<h>/sync.nix} for a host that syncs: its Syncthing in the mesh (exactly
 * the devices it shares a folder with, its folders at their paths on this host with their
 * devices and versioning, nothing kept that the spec does not declare), the firewall ports
 * Syncthing needs on the interfaces its peers reach it on, and {@code usync} and
 * {@code ustatus}. One Syncthing per host: where the host runs the {@code syncthing} service,
 * this file configures that instance (its user, GUI and ports stay the service's).
 */
public final class SyncPlanner {

  private SyncPlanner() {}

  /** Null when the host syncs nothing. */
  public static PlannedFile plan(HostContext ctx, ServiceCatalog catalog) {
    SyncHost h = SyncHost.of(ctx, catalog);
    if (h == null) {
      return null;
    }
    Bindings b = new Bindings();
    List<String> comment = new ArrayList<>();
    if (!h.folders.isEmpty()) {
      syncthing(ctx, h, b);
      comment.add("Sync: Syncthing shares " + String.join(", ", h.folders.stream().map(f -> "`" + f.id() + "`").toList())
          + " with " + String.join(", ", ctx.spec.sync().peersOf(ctx.name)) + ".");
    }
    if (!h.repos.isEmpty()) {
      comment.add("Repositories synced through Forgejo over SSH (`usync` clones, pulls and pushes): "
          + String.join(", ", h.repos.stream().map(r -> "`" + r.name() + "` in " + r.path()).toList()) + ".");
    }
    List<String> resticJobs = resticJobs(ctx);
    List<Binding> lets = new ArrayList<>();
    lets.add(Binding.of("usync", application("usync", usyncInputs(h), SyncScripts.usync(h))));
    lets.add(Binding.of("ustatus", application("ustatus", ustatusInputs(h), SyncScripts.ustatus(h, resticJobs))));
    List<NixValue> packages = new ArrayList<>(List.of(new NixValue.Ref("usync"), new NixValue.Ref("ustatus")));
    if (h.repos.stream().anyMatch(SyncHost.Repo::nb)) {
      packages.add(new NixValue.Ref("pkgs.nb"));
    }
    b.comment(List.of("`usync` syncs everything this host syncs now; `ustatus` shows the folders, repositories,"
            + " backups and failed units" + (h.repos.stream().anyMatch(SyncHost.Repo::nb) ? "; nb edits the notebooks." : ".")))
        .set("environment.systemPackages", NixValue.list(packages));
    return ctx.module("sync.nix", "hosts/module.nix.ftl", Headers.wrap(String.join(" ", comment)), collapse(lets),
        collapse(b.build()));
  }

  /** {@code a = { b = v; };} as {@code a.b = v;}, as the other generated files write a set of one binding. */
  static List<Binding> collapse(List<Binding> bindings) {
    List<Binding> out = new ArrayList<>();
    for (Binding b : bindings) {
      NixValue v = b.value();
      if (v instanceof NixValue.Attrs a) {
        List<Binding> inner = collapse(a.bindings());
        if (inner.size() == 1 && inner.get(0).comment().isEmpty()) {
          List<String> path = new ArrayList<>(b.path());
          path.addAll(inner.get(0).path());
          out.add(new Binding(path, inner.get(0).value(), b.comment()));
          continue;
        }
        v = new NixValue.Attrs(inner);
      } else if (v instanceof NixValue.Apply ap && ap.argument() instanceof NixValue.Attrs a) {
        v = new NixValue.Apply(ap.function(), new NixValue.Attrs(collapse(a.bindings())));
      }
      out.add(new Binding(b.path(), v, b.comment()));
    }
    return out;
  }

  /** What the host syncs, for its section of the flake's docs/README.md; empty when nothing. */
  public static List<DocsPlanner.Line> docs(HostContext ctx, ServiceCatalog catalog) {
    SyncHost h = SyncHost.of(ctx, catalog);
    List<DocsPlanner.Line> out = new ArrayList<>();
    if (h == null) {
      return out;
    }
    SyncHost.Instance in = h.instance;
    if (!h.folders.isEmpty()) {
      String who = in.service() != null ? "the `" + in.service().name() + "` service (as " + code(in.user()) + ")"
          : "Syncthing as " + code(in.user());
      out.add(new DocsPlanner.Line(cell(who + ", GUI and API on ") + code(in.guiAddress()) + cell(", with exactly the peers "
          + String.join(", ", ctx.spec.sync().peersOf(ctx.name)) + ".") + " This host's device id must be "
          + code(ctx.spec.sync().syncthing().devices().get(ctx.name).id()) + cell(": Syncthing makes its keys on its first start;")
          + " " + code("syncthing --home=" + in.configDir() + " --device-id") + cell(" as " + in.user()
          + " prints the id they give, which goes into the spec (then `homelab gen` and a switch of its peers).")));
      for (SyncHost.Folder f : h.folders) {
        Versioning v = f.spec().versioning();
        out.add(new DocsPlanner.Line("folder " + code(f.id()) + " at " + code(f.path()) + cell(" with "
            + String.join(", ", f.devices()) + (v == null ? "; no versions kept" : "; " + versions(v)) + ".")));
      }
    }
    for (SyncHost.Repo r : h.repos) {
      out.add(new DocsPlanner.Line((r.nb() ? "nb notebook " : "repository ") + code(r.name()) + " at " + code(r.path())
          + ", remote " + code(r.remote()) + cell(": the first `usync` clones it; its user's SSH key goes into their"
          + " Forgejo account first.")));
    }
    out.add(new DocsPlanner.Line(code("usync") + " syncs it all now, " + code("ustatus") + cell(" shows the folders,"
        + " repositories, backups and failed units (the backups' last snapshots with sudo).")));
    return out;
  }

  private static String versions(Versioning v) {
    String days = v.days() == 0 ? "for ever" : "for " + v.days() + " days";
    return switch (v.type()) {
      case STAGGERED -> "staggered versions " + days;
      case SIMPLE -> "the last " + v.keep() + " versions of each file, " + days;
      case TRASHCAN -> "replaced and deleted files " + days;
    };
  }

  private static String code(String s) {
    return DocsPlanner.code(s);
  }

  private static String cell(String s) {
    return DocsPlanner.cell(s);
  }

  private static void syncthing(HostContext ctx, SyncHost h, Bindings b) {
    SyncHost.Instance in = h.instance;
    Bindings st = new Bindings();
    if (in.service() == null) {
      st.bool("enable", true);
      if (in.person()) {
        st.comment("As " + in.user() + ", so the synced files are theirs; its configuration and keys in their home.")
            .str("user", in.user())
            .str("group", in.group())
            .str("dataDir", in.home())
            .str("configDir", in.configDir());
      }
      st.comment("The GUI and REST API on loopback only (usync and ustatus use the API key from its configuration).")
          .str("guiAddress", in.guiAddress())
          .comment("The firewall opens its ports on the interfaces its peers reach it on, below.")
          .bool("openDefaultPorts", false);
    }
    st.comment("Exactly the devices and folders below: syncthing-init removes any other each time it runs.")
        .bool("overrideDevices", true)
        .bool("overrideFolders", true);
    Bindings devices = new Bindings();
    for (String peer : ctx.spec.sync().peersOf(ctx.name)) {
      SyncDevice d = ctx.spec.sync().syncthing().devices().get(peer);
      Bindings dev = new Bindings().str("id", d.id());
      List<String> addresses = addresses(ctx, peer, d);
      if (!addresses.isEmpty()) {
        dev.set("addresses", NixValue.strings(addresses));
      }
      devices.set(List.of(peer), dev.attrs());
    }
    Bindings folders = new Bindings();
    for (SyncHost.Folder f : h.folders) {
      Bindings fb = new Bindings().str("path", f.path()).set("devices", NixValue.strings(f.devices()));
      if (f.spec().versioning() != null) {
        fb.set("versioning", versioning(f.spec().versioning()));
      }
      folders.set(List.of(f.id()), fb.attrs());
    }
    st.set("settings", new Bindings().set("devices", devices.attrs()).set("folders", folders.attrs()).attrs());
    b.set("services.syncthing", st.attrs());
    if (in.service() == null) {
      Set<String> interfaces = interfaces(ctx);
      if (!interfaces.isEmpty()) {
        Bindings fw = new Bindings();
        for (String iface : interfaces) {
          fw.set(List.of(iface), new Bindings()
              .set("allowedTCPPorts", NixValue.list(List.of(NixValue.integer(SyncHost.SYNC_PORT))))
              .set("allowedUDPPorts", NixValue.list(List.of(NixValue.integer(SyncHost.DISCOVERY_PORT),
                  NixValue.integer(SyncHost.SYNC_PORT))))
              .attrs());
        }
        b.comment("Syncthing's sync port (TCP and QUIC) and LAN discovery, only where its peers are.")
            .set("networking.firewall.interfaces", fw.attrs());
      }
    }
  }

  /**
   * Where this host dials a peer: the addresses the spec gives, else its host name over the
   * tailnet when both are on it (MagicDNS resolves it) and Syncthing's discovery.
   */
  static List<String> addresses(HostContext ctx, String peer, SyncDevice d) {
    if (!d.addresses().isEmpty()) {
      return d.addresses();
    }
    Host other = ctx.spec.hosts().get(peer);
    if (ctx.host.network().tailscale().enable() && other != null && other.network().tailscale().enable()) {
      return List.of("tcp://" + peer + ":" + SyncHost.SYNC_PORT, "dynamic");
    }
    return List.of();
  }

  /** The interfaces this host's peers reach it on: the tailnet when both are on it, the LAN when they share a range. */
  static Set<String> interfaces(HostContext ctx) {
    Set<String> out = new LinkedHashSet<>();
    Host self = ctx.host;
    for (String peer : ctx.spec.sync().peersOf(ctx.name)) {
      Host other = ctx.spec.hosts().get(peer);
      if (other == null) {
        continue;
      }
      if (other.network().lan().ranges().stream().anyMatch(self.network().lan().ranges()::contains)) {
        out.addAll(self.network().lan().interfaces());
      }
    }
    for (String peer : ctx.spec.sync().peersOf(ctx.name)) {
      Host other = ctx.spec.hosts().get(peer);
      if (other != null && self.network().tailscale().enable() && other.network().tailscale().enable()) {
        out.add("tailscale0");
      }
    }
    return out;
  }

  /** Syncthing's versioning object: its type and the parameters (strings, as Syncthing keeps them). */
  static NixValue versioning(Versioning v) {
    Bindings params = new Bindings();
    switch (v.type()) {
      case STAGGERED -> params.str("maxAge", Long.toString(v.days() * 86400L));
      case SIMPLE -> params.str("keep", Integer.toString(v.keep())).str("cleanoutDays", Integer.toString(v.days()));
      case TRASHCAN -> params.str("cleanoutDays", Integer.toString(v.days()));
    }
    return new Bindings().str("type", v.type().wire()).set("params", params.attrs()).attrs();
  }

  /** The restic jobs that back up something on this host, by the name of their NixOS job. */
  static List<String> resticJobs(HostContext ctx) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, BackupJob> e : ctx.spec.backups().jobs().entrySet()) {
      BackupJob job = e.getValue();
      if (!BackupPlanner.runsOn(ctx, e.getKey(), job) || BackupPlanner.contents(ctx, e.getKey(), job).paths().isEmpty()) {
        continue;
      }
      for (String repoName : job.to()) {
        Repository repo = ctx.spec.backups().repositories().get(repoName);
        if (repo != null && repo.restic()) {
          out.add(BackupPlanner.unitName(e.getKey(), job, repoName));
        }
      }
    }
    return out;
  }

  private static List<String> usyncInputs(SyncHost h) {
    List<String> out = new ArrayList<>();
    if (!h.folders.isEmpty()) {
      out.add("pkgs.curl");
      out.add("pkgs.libxml2");
    }
    if (!h.repos.isEmpty()) {
      out.add("pkgs.git");
    }
    if (h.repos.stream().anyMatch(SyncHost.Repo::nb)) {
      out.add("pkgs.nb");
    }
    return out;
  }

  private static List<String> ustatusInputs(SyncHost h) {
    List<String> out = new ArrayList<>();
    if (!h.folders.isEmpty()) {
      out.add("pkgs.curl");
      out.add("pkgs.jq");
      out.add("pkgs.libxml2");
    }
    if (!h.repos.isEmpty()) {
      out.add("pkgs.git");
    }
    return out;
  }

  /** {@code pkgs.writeShellApplication { name; runtimeInputs; text; }}. */
  static NixValue application(String name, List<String> inputs, List<String> lines) {
    Bindings a = new Bindings().str("name", name);
    if (!inputs.isEmpty()) {
      a.set("runtimeInputs", NixValue.list(inputs.stream().<NixValue>map(NixValue.Ref::new).toList()));
    }
    a.set("text", new NixValue.Text(lines));
    return new NixValue.Apply(new NixValue.Ref("pkgs.writeShellApplication"), a.attrs());
  }
}
