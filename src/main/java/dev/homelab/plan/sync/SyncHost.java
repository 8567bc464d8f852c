package dev.homelab.plan.sync;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.model.GitRemote;
import dev.homelab.model.GitSync;
import dev.homelab.model.Host;
import dev.homelab.model.Spec;
import dev.homelab.model.Sync;
import dev.homelab.model.SyncDevice;
import dev.homelab.model.SyncFolder;
import dev.homelab.plan.HostContext;
import java.util.ArrayList;
import java.util.List;

/**
 * What one host syncs, fully decided: how its Syncthing runs (as the person its device
 * names, or as the service user of the {@code syncthing} service when the host runs one),
 * each folder and repository at its absolute path, each repository's remote URL. Shared by
 * the planner of {@code sync.nix}, the backup jobs (which take the synced paths of their
 * tiers) and the flake's docs.
 */
public final class SyncHost {

  /** The kind whose instance the mesh configures when the host runs it. */
  public static final String KIND = "syncthing";

  /** Syncthing's sync port (TCP and QUIC) and its local discovery port (UDP). */
  public static final int SYNC_PORT = 22000;
  public static final int DISCOVERY_PORT = 21027;

  /** The GUI and REST API on loopback: the module's default address. */
  public static final String GUI_ADDRESS = "127.0.0.1:8384";

  /**
   * How the host's Syncthing runs: its user and group, its home ({@code dataDir}, where
   * {@code ~/} points), its configuration folder (where the API key is), its GUI address,
   * and the service of kind {@code syncthing} it is (null when the mesh starts its own).
   */
  public record Instance(String user, String group, String home, String configDir, String guiAddress,
      EffectiveService service, boolean person) {

    public String configFile() {
      return configDir + "/config.xml";
    }
  }

  /** A folder on this host: its id, absolute path, the other hosts that share it. */
  public record Folder(String id, String path, List<String> devices, SyncFolder spec) {}

  /** A repository on this host: its name, absolute path, remote URL, whether nb syncs it. */
  public record Repo(String name, String path, String remote, boolean nb, GitSync spec) {}

  public final String name;
  public final Instance instance;
  public final List<Folder> folders;
  public final List<Repo> repos;

  private SyncHost(String name, Instance instance, List<Folder> folders, List<Repo> repos) {
    this.name = name;
    this.instance = instance;
    this.folders = folders;
    this.repos = repos;
  }

  /** What the host of this context syncs; null when it syncs nothing. */
  public static SyncHost of(HostContext ctx, ServiceCatalog catalog) {
    Sync sync = ctx.spec.sync();
    if (!sync.syncs(ctx.name)) {
      return null;
    }
    Instance instance = instance(ctx);
    List<Folder> folders = new ArrayList<>();
    for (String id : sync.foldersOn(ctx.name)) {
      SyncFolder f = sync.syncthing().folders().get(id);
      List<String> devices = f.allHosts().stream().filter(h -> !h.equals(ctx.name)).toList();
      folders.add(new Folder(id, Sync.expand(f.pathOn(ctx.name), instance.home()), devices, f));
    }
    List<Repo> repos = new ArrayList<>();
    for (String name : sync.gitOn(ctx.name)) {
      GitSync g = sync.git().get(name);
      repos.add(new Repo(name, Sync.expand(g.path(), gitHome(ctx.spec, ctx.name, g)), remoteUrl(ctx.spec, g.remote(), catalog),
          g.nb(), g));
    }
    return new SyncHost(ctx.name, instance, List.copyOf(folders), List.copyOf(repos));
  }

  /** The host's Syncthing: the service it runs, else one as the device's person, else as the module's user. */
  static Instance instance(HostContext ctx) {
    for (EffectiveService s : ctx.services) {
      if (KIND.equals(s.kind())) {
        String dataDir = ctx.datasets.dataDir(s);
        return new Instance(s.descriptor().user(), s.descriptor().group(), dataDir, dataDir + "/.config/syncthing",
            s.bindAddress() + ":" + s.port(), s, false);
      }
    }
    SyncDevice device = ctx.spec.sync().syncthing().devices().get(ctx.name);
    if (device != null && device.user() != null) {
      String home = "/home/" + device.user();
      return new Instance(device.user(), "users", home, home + "/.config/syncthing", GUI_ADDRESS, null, true);
    }
    return new Instance("syncthing", "syncthing", "/var/lib/syncthing", "/var/lib/syncthing/.config/syncthing", GUI_ADDRESS,
        null, false);
  }

  /** Whose home {@code ~/} of a repository is on a host: its {@code user}, else the person of the host's device; null when none. */
  public static String gitHome(Spec spec, String host, GitSync g) {
    String user = g.user();
    if (user == null) {
      SyncDevice d = spec.sync().syncthing().devices().get(host);
      user = d == null ? null : d.user();
    }
    return user == null ? null : "/home/" + user;
  }

  /**
   * The remote URL of a repository on a Forgejo service: SSH to the host's OpenSSH as the
   * service's user (Forgejo serves git over the host's SSH), on the host's SSH port, by the
   * host's name (MagicDNS on the tailnet, or the LAN's DNS).
   */
  public static String remoteUrl(Spec spec, GitRemote r, ServiceCatalog catalog) {
    Host host = spec.hosts().get(r.host());
    String user = "forgejo";
    for (EffectiveService s : Effective.services(spec, r.host(), host, catalog)) {
      if (s.name().equals(r.service()) && s.descriptor().user() != null) {
        user = s.descriptor().user();
      }
    }
    int port = host.network().ssh().port();
    return "ssh://" + user + "@" + r.host() + (port == 22 ? "" : ":" + port) + "/" + r.repo() + ".git";
  }

  /** Every absolute path this host syncs whose tier's backup names the job, in the spec's order. */
  public static List<String> backedUp(HostContext ctx, String jobName) {
    Sync sync = ctx.spec.sync();
    List<String> out = new ArrayList<>();
    if (!sync.syncs(ctx.name)) {
      return out;
    }
    String home = instance(ctx).home();
    for (String id : sync.foldersOn(ctx.name)) {
      SyncFolder f = sync.syncthing().folders().get(id);
      if (backs(ctx.spec, f.tier(), jobName)) {
        out.add(Sync.expand(f.pathOn(ctx.name), home));
      }
    }
    for (String name : sync.gitOn(ctx.name)) {
      GitSync g = sync.git().get(name);
      if (backs(ctx.spec, g.tier(), jobName)) {
        out.add(Sync.expand(g.path(), gitHome(ctx.spec, ctx.name, g)));
      }
    }
    return out;
  }

  private static boolean backs(Spec spec, String tier, String jobName) {
    return tier != null && spec.tiers().containsKey(tier) && spec.tiers().get(tier).backup().contains(jobName);
  }
}
