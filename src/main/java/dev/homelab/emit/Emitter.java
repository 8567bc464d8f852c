package dev.homelab.emit;

import dev.homelab.diag.Diagnostic;
import dev.homelab.diag.Diagnostics;
import dev.homelab.diag.SpecException;
import dev.homelab.diag.Span;
import dev.homelab.plan.Ownership;
import dev.homelab.work.Cores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the rendered files with the output folder and writes what changed. Everything is
 * decided before the first write; each write is atomic; the manifest is written last, so a
 * failure or a kill leaves each file old or new and the next run repairs the rest. A file
 * gen did not write, or one edited by hand since, is never overwritten or removed without
 * {@code --force}, and {@code --force} keeps a copy beside it.
 */
public final class Emitter {

  private final Path root;
  private final FileOps ops;
  /**
   * What the run found at each path of the output folder it looked at, each looked at once
   * (one {@code lstat}); below a folder that is missing or not a folder nothing is looked at.
   * A fleet's output has thousands of files in a few hundred folders.
   */
  private final Map<String, Kind> seen = new java.util.concurrent.ConcurrentHashMap<>();

  /** What is at a path of the output folder, links not followed. */
  private enum Kind { FOLDER, FILE, LINK, OTHER, MISSING }

  public Emitter(Path root, FileOps ops) {
    this.root = root;
    this.ops = ops;
  }

  /** What a run found and did. */
  public record Result(List<Change> changes, List<String> stale) {

    public List<Change> changed() {
      return changes.stream().filter(c -> c.action() != Change.Action.UNCHANGED).toList();
    }
  }

  /** The decisions for one run, before anything is written. */
  private record Decision(List<Change> changes, Map<String, byte[]> writes, List<String> removals,
      Set<String> keepOld, List<String> stale, Manifest manifest, byte[] manifestText, boolean manifestChanged,
      Set<String> previous, Manifest old) {}

  /** Writes the files (or, with {@code dryRun}, only says what it would write). */
  public Result generate(List<OutputFile> files, boolean force, boolean dryRun) throws SpecException, IOException {
    Decision d = decide(files, force, true);
    if (dryRun) {
      return new Result(d.changes, d.stale);
    }
    removeLeftovers(files, d.previous);
    // The generated files about to be written (created-once files are never in the manifest).
    Map<String, String> writing = new LinkedHashMap<>();
    d.writes.keySet().stream().filter(d.manifest.hashes()::containsKey)
        .forEach(path -> writing.put(path, d.manifest.hashes().get(path)));
    if (!writing.isEmpty()) {
      // Before the first write: whatever happens next, each file is old or new, and both are ours.
      ops.write(resolve(Manifest.NAME), d.old.withPending(writing).render().getBytes(StandardCharsets.UTF_8));
    }
    // A fleet's thousands of files: each written whole (and atomically) by one thread, the file
    // system's work shared among the cores; the manifest still comes last.
    Cores.mapIo(new ArrayList<>(d.writes.entrySet()), PARALLEL_FROM, w -> {
      write(w, d.keepOld);
      return w;
    });
    for (String r : d.removals) {
      Path target = resolve(r);
      if (d.keepOld.contains(r)) {
        ops.keepOld(target);
      }
      ops.delete(target);
      removeEmptyParents(target.getParent());
    }
    if (d.manifestChanged || !writing.isEmpty()) {
      ops.write(resolve(Manifest.NAME), d.manifestText);
    }
    return new Result(d.changes, d.stale);
  }

  /** Below this many files to write, one thread writes them: a lab's few dozen are written before threads start. */
  static final int PARALLEL_FROM = 400;

  private void write(Map.Entry<String, byte[]> w, Set<String> keepOld) throws IOException {
    Path target = resolve(w.getKey());
    if (keepOld.contains(w.getKey())) {
      ops.keepOld(target);
    }
    ops.write(target, w.getValue());
  }

  /**
   * Compares without writing: the generated files that differ from what gen would write,
   * that gen would remove, or that were edited by hand.
   */
  public Result check(List<OutputFile> files) throws SpecException, IOException {
    Decision d = decide(files, true, false);
    return new Result(d.changes, d.stale);
  }

  private Decision decide(List<OutputFile> files, boolean force, boolean refuse) throws SpecException, IOException {
    seen.clear();
    byte[] oldText = readManifest();
    Manifest old = oldText == null ? Manifest.empty() : Manifest.parse(oldText);
    Diagnostics refusals = new Diagnostics();
    // What the disk holds for each file, looked at first (on every core for a fleet): the rest
    // of the decision is bookkeeping in the files' order.
    List<Probe> probes = Cores.map(files, PARALLEL_FROM, this::probe);
    Tally tally = new Tally(old, force, refuse, refusals);
    for (int i = 0; i < files.size(); i++) {
      tally.add(files.get(i), probes.get(i));
    }
    List<Change> changes = tally.changes;
    Map<String, byte[]> writes = tally.writes;
    Set<String> keepOld = tally.keepOld;
    TreeSet<String> stale = tally.stale;
    Set<String> planned = tally.planned;
    Set<String> blocked = tally.blocked;
    List<String> removals = new ArrayList<>();
    for (String path : old.paths()) {
      if (planned.contains(path) || blockedFolder(path, true, refusals, blocked)) {
        continue;
      }
      Kind kind = kindOf(path);
      if (kind == Kind.LINK) {
        // A file gen wrote, replaced by a link since: neither removed nor followed, and said.
        if (refuse) {
          refusals.error("HL0504", "`" + path + "` is in the way: gen generated it, and it is now a symbolic link",
              new Span(path, 0, 0, 0), "gen no longer generates it and does not remove links: remove the link yourself");
        }
        continue;
      }
      if (kind != Kind.FILE) {
        continue;
      }
      byte[] current = read(path, refusals);
      if (current == null) {
        continue;
      }
      stale.add(path);
      if (!old.accepts(path, Manifest.sha256(current))) {
        if (!force && refuse) {
          refusals.error("HL0503", "`" + path + "` is no longer generated but was edited by hand",
              new Span(path, 0, 0, 0), "move it away (it is yours then), or run with --force to remove it (a copy is kept)");
        }
        keepOld.add(path);
      }
      removals.add(path);
      changes.add(new Change(path, Change.Action.REMOVE));
    }
    Manifest manifest = new Manifest(tally.hashes);
    // Rendered once: compared here, written last.
    byte[] manifestText = manifest.render().getBytes(StandardCharsets.UTF_8);
    boolean manifestChanged = oldText == null || !java.util.Arrays.equals(oldText, manifestText);
    if (refuse) {
      // What a write goes through (its temporary file) or keeps (the --force copy) must be a file, or nothing.
      for (String path : writes.keySet()) {
        inTheWay(path, FileOps.TEMP_PREFIX + fileName(path), refusals);
      }
      if (force) {
        keepOld.forEach(path -> inTheWay(path, fileName(path) + FileOps.OLD_SUFFIX, refusals));
      }
      if (manifestChanged || !writes.isEmpty()) {
        inTheWay(Manifest.NAME, FileOps.TEMP_PREFIX + Manifest.NAME, refusals);
      }
      // Every folder the run writes into (or creates a folder in) must let it: said before the first write.
      Set<String> folders = new TreeSet<>();
      Set<String> asked = new HashSet<>();
      writes.keySet().forEach(p -> {
        if (asked.add(folderOf(p))) {
          folders.add(nearestFolder(p));
        }
      });
      removals.forEach(p -> folders.add(nearestFolder(p)));
      if (manifestChanged || !writes.isEmpty()) {
        folders.add(nearestFolder(Manifest.NAME));
      }
      for (String folder : folders) {
        Path dir = folder.isEmpty() ? root : resolve(folder);
        if (kindOf(folder) == Kind.FOLDER && !ops.isWritable(dir)) {
          String shown = folder.isEmpty() ? "." : folder;
          refusals.error("HL0507", "cannot write into `" + shown + "`: permission denied", new Span(shown, 0, 0, 0),
              "make the folder writable by the user who runs gen; nothing was written");
        }
      }
    }
    if (refusals.hasErrors()) {
      throw new SpecException(refusals);
    }
    if (manifestChanged) {
      stale.add(Manifest.NAME);
    }
    return new Decision(changes, writes, removals, force ? keepOld : Set.of(), List.copyOf(stale), manifest, manifestText,
        manifestChanged, old.paths(), old);
  }

  /**
   * The decision on each file to generate, made in the files' order from what the disk holds:
   * its own method, run for each file, so that a fleet's thousands are not one long loop the
   * JIT leaves to the interpreter.
   */
  private final class Tally {
    final Manifest old;
    final boolean force;
    final boolean refuse;
    final Diagnostics refusals;
    final List<Change> changes = new ArrayList<>();
    /** The bytes of each file to write, as rendered: a fleet's output is tens of megabytes, held once. */
    final Map<String, byte[]> writes = new LinkedHashMap<>();
    final Set<String> keepOld = new LinkedHashSet<>();
    final TreeSet<String> stale = new TreeSet<>();
    final Map<String, String> hashes = new LinkedHashMap<>();
    final Set<String> planned = new LinkedHashSet<>();
    final Set<String> blocked = new LinkedHashSet<>();
    /** Whether a folder's way is blocked, asked once a folder: a fleet's thousands of files lie in a few hundred. */
    final Map<String, Boolean> blockedFolders = new HashMap<>();

    Tally(Manifest old, boolean force, boolean refuse, Diagnostics refusals) {
      this.old = old;
      this.force = force;
      this.refuse = refuse;
      this.refusals = refusals;
    }

    void add(OutputFile f, Probe probe) {
      planned.add(f.path());
      if (blockedFolders.computeIfAbsent(folderOf(f.path()), folder -> blockedFolder(f.path(), false, refusals, blocked))) {
        return;
      }
      Kind kind = probe.kind();
      boolean exists = kind != Kind.MISSING;
      if (exists && kind != Kind.FILE) {
        refusals.error("HL0504", "`" + f.path() + "` is in the way: it is not a regular file", new Span(f.path(), 0, 0, 0),
            "move it away; gen writes a file there");
        return;
      }
      if (f.ownership() == Ownership.CREATED_ONCE) {
        if (!exists) {
          writes.put(f.path(), f.bytes());
          changes.add(new Change(f.path(), Change.Action.CREATE_ONCE));
        }
        return;
      }
      hashes.put(f.path(), probe.hash());
      if (!exists) {
        writes.put(f.path(), f.bytes());
        changes.add(new Change(f.path(), Change.Action.CREATE));
        stale.add(f.path());
        return;
      }
      if (probe.unreadable() != null) {
        unreadable(f.path(), probe.unreadable(), refusals);
        return;
      }
      if (probe.same()) {
        changes.add(new Change(f.path(), Change.Action.UNCHANGED));
        return;
      }
      stale.add(f.path());
      if (!old.paths().contains(f.path())) {
        if (!force && refuse) {
          refusals.error("HL0502", "`" + f.path() + "` exists and was not written by homelab", new Span(f.path(), 0, 0, 0),
              "move it away, or run with --force to replace it (a copy is kept as " + f.path() + ".homelab-old)");
        }
        keepOld.add(f.path());
      } else if (!old.accepts(f.path(), probe.currentHash())) {
        if (!force && refuse) {
          refusals.error("HL0501", "`" + f.path() + "` was edited by hand since homelab wrote it", new Span(f.path(), 0, 0, 0),
              "move the change into the spec or hosts/<host>/local.nix, or run with --force to replace it (a copy is kept)");
        }
        keepOld.add(f.path());
      }
      writes.put(f.path(), f.bytes());
      changes.add(new Change(f.path(), Change.Action.UPDATE));
    }
  }

  /** The manifest's bytes; null when there is none yet. Anything but a regular file there is in the way. */
  private byte[] readManifest() throws SpecException {
    Path p = resolve(Manifest.NAME);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Diagnostics problems = new Diagnostics();
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      problems.error("HL0504", "`" + Manifest.NAME + "` is in the way: it is not a regular file", new Span(Manifest.NAME, 0, 0, 0),
          "move it away: gen keeps the list of the files it generated there (restore the file from version control)");
      throw new SpecException(problems);
    }
    byte[] bytes = read(Manifest.NAME, problems);
    if (bytes == null) {
      throw new SpecException(problems);
    }
    return bytes;
  }

  /** The bytes of a file in the output folder; null, with a finding (HL0508), when the file system refuses. */
  private byte[] read(String relative, Diagnostics problems) {
    try {
      return ops.read(resolve(relative));
    } catch (IOException e) {
      unreadable(relative, e, problems);
      return null;
    }
  }

  /** The finding (HL0508) for a file of the output folder the file system would not let gen read. */
  private static void unreadable(String relative, IOException e, Diagnostics problems) {
    problems.error("HL0508", "cannot read `" + relative + "`: " + dev.homelab.diag.OsReason.of(e), new Span(relative, 0, 0, 0),
        "make it readable by the user who runs gen (`ls -l` shows who may read it)");
  }

  /**
   * What the disk holds for a file to generate: what is at its path, the hash the manifest will
   * record (null for a file created once), and for a file already there whether it holds the
   * same text, else its own hash (or why it could not be read). Reads only; safe on any thread.
   */
  private record Probe(Kind kind, String hash, boolean same, String currentHash, IOException unreadable) {}

  private Probe probe(OutputFile f) {
    Kind kind = kindOf(f.path());
    if (f.ownership() == Ownership.CREATED_ONCE) {
      return new Probe(kind, null, false, null, null);
    }
    byte[] bytes = f.bytes();
    String hash = Manifest.sha256(bytes);
    if (kind != Kind.FILE) {
      return new Probe(kind, hash, false, null, null);
    }
    byte[] current;
    try {
      current = ops.read(resolve(f.path()));
    } catch (IOException e) {
      return new Probe(kind, hash, false, null, e);
    }
    boolean same = java.util.Arrays.equals(current, bytes);
    return new Probe(kind, hash, same, same ? hash : Manifest.sha256(current), null);
  }

  /**
   * Reports (HL0504) a folder, link or other non-file at {@code name} beside {@code relative}:
   * the temporary file gen writes there, or the copy {@code --force} keeps.
   */
  private void inTheWay(String relative, String name, Diagnostics refusals) {
    if (kindOf(folderOf(relative)) != Kind.FOLDER) {
      // A folder the run makes (or cannot): nothing in it yet.
      return;
    }
    String parent = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/') + 1) : "";
    String shown = parent + name;
    Kind kind = kindOf(shown);
    if (kind == Kind.FOLDER || kind == Kind.OTHER) {
      refusals.error("HL0504", "`" + shown + "` is in the way: it is not a regular file", new Span(shown, 0, 0, 0),
          "move it away; gen writes a file there on its way to " + relative);
    }
  }

  /** The folder of a path inside the output folder ("" for the output folder itself). */
  private static String folderOf(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  /** The folder a file goes into, or its nearest ancestor that exists ("" for the output root). */
  private String nearestFolder(String relative) {
    String folder = folderOf(relative);
    while (!folder.isEmpty() && kindOf(folder) != Kind.FOLDER) {
      folder = folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/')) : "";
    }
    return folder;
  }

  private static String fileName(String relative) {
    return relative.substring(relative.lastIndexOf('/') + 1);
  }

  /**
   * The finding (HL0507) for a write or removal the file system refused during a run, at the
   * path inside the output folder it was for (a temporary file is named by its target).
   */
  public static Diagnostic refused(Path root, java.nio.file.FileSystemException e) {
    String shown = e.getFile() == null ? root.toString() : e.getFile();
    Path file = e.getFile() == null ? null : Path.of(e.getFile()).toAbsolutePath().normalize();
    Path base = root.normalize();
    if (file != null && file.startsWith(base) && !file.equals(base)) {
      String name = file.getFileName().toString();
      if (name.startsWith(FileOps.TEMP_PREFIX)) {
        file = file.resolveSibling(name.substring(FileOps.TEMP_PREFIX.length()));
      }
      shown = base.relativize(file).toString().replace('\\', '/');
    }
    return Diagnostic.error("HL0507", "cannot write `" + shown + "`: " + dev.homelab.diag.OsReason.of(e), new Span(shown, 0, 0, 0),
        "check that the output folder is writable and has space; files already written are complete, and the next"
            + " gen finishes the rest");
  }

  /** Resolves a planned path inside the output folder; anything else is a bug, not input. */
  private Path resolve(String relative) {
    Path p = root.resolve(relative).normalize();
    if (relative.startsWith("/") || relative.contains("\\") || !p.startsWith(root.normalize())) {
      throw new IllegalStateException("refusing to write outside the output folder: " + relative);
    }
    return p;
  }

  /**
   * Reports (and returns true) when a folder between the output root and this path is a
   * symbolic link, which would let gen write or delete outside the output folder, or is not
   * a folder at all. The root itself may be a link: the user named it. For a file gen would
   * remove, a plain file in place of a folder only means the file is gone already.
   */
  private boolean blockedFolder(String relative, boolean removal, Diagnostics refusals, Set<String> reported) {
    Path base = root.normalize();
    Path rel = base.relativize(resolve(relative));
    Path dir = base;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      dir = dir.resolve(rel.getName(i));
      String shown = base.relativize(dir).toString().replace('\\', '/');
      Kind kind = kindOf(shown);
      boolean link = kind == Kind.LINK;
      boolean notFolder = kind != Kind.MISSING && kind != Kind.FOLDER;
      if (removal && !link && notFolder) {
        // A file where the folder of a file to remove was: that file is gone, nothing to remove.
        return true;
      }
      if (notFolder && !reported.add(shown)) {
        return true;
      }
      if (link) {
        refusals.error("HL0506", "`" + shown + "` is a symbolic link: gen writes only inside the output folder",
            new Span(shown, 0, 0, 0), "replace the link with a real folder (gen would write " + relative + " through it)");
        return true;
      }
      if (kind == Kind.MISSING) {
        return false;
      }
      if (kind != Kind.FOLDER) {
        refusals.error("HL0504", "`" + shown + "` is in the way: it is not a folder", new Span(shown, 0, 0, 0),
            "move it away; gen writes " + relative + " inside a folder of that name");
        return true;
      }
    }
    return false;
  }

  /**
   * What is at {@code relative} (a path inside the output folder, "" for the folder itself),
   * looked at once a run. Below a folder that is missing, a link or not a folder there is
   * nothing to look at: the path is missing (a link on the way is reported by
   * {@link #blockedFolder} before anything below it is asked about).
   */
  private Kind kindOf(String relative) {
    Kind known = seen.get(relative);
    if (known != null) {
      return known;
    }
    Kind kind;
    if (relative.isEmpty()) {
      // The output folder itself may be a link: the user named it.
      kind = Files.isDirectory(root) ? Kind.FOLDER : Files.exists(root, LinkOption.NOFOLLOW_LINKS) ? Kind.OTHER : Kind.MISSING;
    } else {
      int slash = relative.lastIndexOf('/');
      if (kindOf(slash < 0 ? "" : relative.substring(0, slash)) != Kind.FOLDER) {
        kind = Kind.MISSING;
      } else {
        kind = lstat(resolve(relative));
      }
    }
    seen.put(relative, kind);
    return kind;
  }

  private static Kind lstat(Path p) {
    try {
      java.nio.file.attribute.BasicFileAttributes a =
          Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.FOLDER : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
    } catch (IOException e) {
      // Nothing there, or nothing the run may look at: as Files.exists says.
      return Kind.MISSING;
    }
  }

  /**
   * Removes temporary files a killed run left in the folders gen writes to, and in those of
   * the files it wrote last time (a killed run may have been writing a file no longer generated).
   */
  private void removeLeftovers(List<OutputFile> files, Set<String> previous) throws IOException {
    Set<String> folders = new LinkedHashSet<>();
    folders.add("");
    for (OutputFile f : files) {
      folders.add(folderOf(f.path()));
    }
    for (String p : previous) {
      folders.add(folderOf(p));
    }
    for (String folder : folders) {
      Path dir = folder.isEmpty() ? root : resolve(folder);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      // A name test rather than a glob, which would be a pattern compiled for each of a fleet's folders.
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(FileOps.TEMP_PREFIX))) {
        for (Path p : s) {
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
            ops.delete(p);
          }
        }
      }
    }
  }

  private void removeEmptyParents(Path dir) throws IOException {
    Path stop = root.normalize();
    while (dir != null && dir.startsWith(stop) && !dir.equals(stop)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
        if (s.iterator().hasNext()) {
          return;
        }
      }
      Files.delete(dir);
      dir = dir.getParent();
    }
  }
}
