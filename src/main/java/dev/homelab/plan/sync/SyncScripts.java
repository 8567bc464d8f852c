package dev.homelab.plan.sync;

import dev.homelab.plan.quote.Shell;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code usync} and {@code ustatus}, two bash scripts {@code sync.nix} builds with
 * {@code pkgs.writeShellApplication} (which runs them under {@code errexit}, {@code nounset}
 * and {@code pipefail}, and checks them with shellcheck at build time). Every value from the
 * spec goes through {@link Shell}.
 */
public final class SyncScripts {

  private SyncScripts() {}

  /** The Syncthing lines shared by both: where its API key is, the GUI it answers on, the key. */
  private static void syncthingHead(List<String> out, SyncHost h) {
    out.add("config=" + Shell.word(h.instance.configFile()));
    out.add("gui=" + Shell.word("http://" + h.instance.guiAddress()));
    out.add("key=$(xmllint --xpath 'string(configuration/gui/apikey)' \"$config\" 2>/dev/null || true)");
  }

  /** What a script says when it cannot read the API key: who can. */
  private static String unreadable(SyncHost h, String script) {
    return "syncthing: cannot read the API key in $config: run " + script + " as " + Shell.inDoubleQuotes(h.instance.user())
        + " or with sudo";
  }

  /** The folder ids as a bash array (a loop over a literal list of one would be a shellcheck finding). */
  private static String folderArray(SyncHost h) {
    return "folders=(" + String.join(" ", h.folders.stream().map(f -> Shell.word(f.id())).toList()) + ")";
  }

  /**
   * {@code usync}: asks Syncthing to rescan each folder now (REST API, with the API key from
   * its configuration), clones each repository that is not there yet and syncs the others
   * ({@code nb sync} in a notebook, else {@code git pull --rebase} and {@code git push}).
   * Goes on after a failure and exits 1 when anything failed.
   */
  public static List<String> usync(SyncHost h) {
    List<String> out = new ArrayList<>();
    out.add("status=0");
    if (!h.folders.isEmpty()) {
      out.add("");
      out.add("# Syncthing: rescan each folder now, through its REST API.");
      syncthingHead(out, h);
      out.add("if [ -z \"$key\" ]; then");
      out.add("  echo \"" + unreadable(h, "usync") + "\" >&2");
      out.add("  status=1");
      out.add("else");
      out.add("  " + folderArray(h));
      out.add("  for folder in \"${folders[@]}\"; do");
      out.add("    if curl --fail --silent --show-error --request POST --header \"X-API-Key: $key\" \\");
      out.add("      \"$gui/rest/db/scan?folder=$folder\"; then");
      out.add("      echo \"syncthing: $folder: rescanning\"");
      out.add("    else");
      out.add("      echo \"syncthing: $folder: Syncthing did not take the rescan\" >&2");
      out.add("      status=1");
      out.add("    fi");
      out.add("  done");
      out.add("fi");
    }
    if (!h.repos.isEmpty()) {
      out.add("");
      out.add("# Repositories: cloned once, then pulled and pushed (nb sync in a notebook).");
      out.add("sync_repo() {");
      out.add("  local name=$1 dir=$2 remote=$3 tool=$4");
      out.add("  if [ ! -e \"$dir/.git\" ]; then");
      out.add("    echo \"$name: cloning $remote into $dir\"");
      out.add("    git clone --quiet \"$remote\" \"$dir\" || return 1");
      out.add("    return 0");
      out.add("  fi");
      out.add("  if [ \"$tool\" = nb ]; then");
      out.add("    (cd \"$dir\" && nb sync) || return 1");
      out.add("  else");
      out.add("    git -C \"$dir\" pull --quiet --rebase --autostash || return 1");
      out.add("    git -C \"$dir\" push --quiet || return 1");
      out.add("  fi");
      out.add("  echo \"$name: in sync with $remote\"");
      out.add("}");
      for (SyncHost.Repo r : h.repos) {
        out.add("if ! sync_repo " + Shell.word(r.name()) + " " + Shell.word(r.path()) + " " + Shell.word(r.remote()) + " "
            + (r.nb() ? "nb" : "git") + "; then");
        out.add("  echo " + Shell.word(r.name() + ": sync failed") + " >&2");
        out.add("  status=1");
        out.add("fi");
      }
    }
    out.add("exit \"$status\"");
    return out;
  }

  /**
   * {@code ustatus}: each Syncthing folder's state, each repository's branch against its
   * remote, each restic job's last snapshot (through the wrapper the restic module installs,
   * as root) and its timer's next run, and the failed units.
   */
  public static List<String> ustatus(SyncHost h, List<String> resticJobs) {
    List<String> out = new ArrayList<>();
    if (!h.folders.isEmpty()) {
      out.add("echo \"Syncthing folders:\"");
      syncthingHead(out, h);
      out.add("if [ -z \"$key\" ]; then");
      out.add("  echo \"  " + unreadable(h, "ustatus") + "\"");
      out.add("fi");
      out.add(folderArray(h));
      out.add("for folder in \"${folders[@]}\"; do");
      out.add("  if [ -n \"$key\" ] && state=$(curl --fail --silent --show-error --header \"X-API-Key: $key\" \\");
      out.add("    \"$gui/rest/db/status?folder=$folder\" | jq -r '\"\\(.state), \\(.needFiles) files to fetch, \\(.errors) errors\"'); then");
      out.add("    echo \"  $folder: $state\"");
      out.add("  else");
      out.add("    echo \"  $folder: unknown\"");
      out.add("  fi");
      out.add("done");
    }
    if (!h.repos.isEmpty()) {
      out.add("echo \"Repositories:\"");
      for (SyncHost.Repo r : h.repos) {
        String dir = Shell.word(r.path());
        String name = Shell.inDoubleQuotes(r.name());
        out.add("if [ -e " + dir + "/.git ]; then");
        out.add("  echo \"  " + name + ": $(git -C " + dir + " status --short --branch | sed -n 1p)\"");
        out.add("else");
        out.add("  echo \"  " + name + ": not cloned yet (usync clones it)\"");
        out.add("fi");
      }
    }
    if (!resticJobs.isEmpty()) {
      out.add("echo \"Backups:\"");
      out.add("jobs=(" + String.join(" ", resticJobs.stream().map(Shell::word).toList()) + ")");
      out.add("for job in \"${jobs[@]}\"; do");
      out.add("  echo \"  $job:\"");
      out.add("  if [ \"$(id -u)\" -ne 0 ]; then");
      out.add("    echo \"    last snapshot: run ustatus with sudo to read the repository\"");
      out.add("  elif snapshot=$(\"restic-$job\" snapshots --latest 1 --compact | sed -n 3p) && [ -n \"$snapshot\" ]; then");
      out.add("    echo \"    last snapshot: $snapshot\"");
      out.add("  else");
      out.add("    echo \"    last snapshot: none\"");
      out.add("  fi");
      out.add("  systemctl list-timers --all --no-pager \"restic-backups-$job.timer\" | sed 's/^/    /'");
      out.add("done");
    }
    out.add("echo \"Failed units:\"");
    out.add("failed=$(systemctl --failed --no-legend --plain --no-pager)");
    out.add("if [ -n \"$failed\" ]; then");
    out.add("  while IFS= read -r unit; do");
    out.add("    echo \"  $unit\"");
    out.add("  done <<<\"$failed\"");
    out.add("else");
    out.add("  echo \"  none\"");
    out.add("fi");
    return out;
  }
}
