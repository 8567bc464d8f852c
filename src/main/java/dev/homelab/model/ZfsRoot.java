package dev.homelab.model;

import dev.homelab.model.constraints.AbsolutePath;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The root of an ephemeral-root host on ZFS: the pool {@code pool} (default {@code rpool})
 * holds {@code rollback} (default {@code local/root}), mounted at {@code /} and rolled back to
 * its snapshot {@code @blank} in the initrd at every boot, and the persistent {@code datasets}
 * (name within the pool to mountpoint; default {@code local/nix} at {@code /nix},
 * {@code safe/persist} at the persist path, {@code safe/log} at {@code /var/log}), all with
 * legacy mountpoints, mounted by NixOS. With {@code device}, disko lays the pool out on that
 * disk (an ESP, then the pool) at the first install and takes the blank snapshot; without, the
 * pool and the snapshot exist already.
 */
public record ZfsRoot(
    @Pattern(regexp = "[A-Za-z][A-Za-z0-9_.-]*", message = "a pool name is a letter, then letters, digits and `_ . -`") String pool,
    String device,
    @Min(value = 9, message = "ashift is 9 (512-byte sectors) to 16; 12 suits 4K-sector disks and SSDs")
        @Max(value = 16, message = "ashift is 9 (512-byte sectors) to 16; 12 suits 4K-sector disks and SSDs") Integer ashift,
    @Pattern(regexp = DATASET, message = "a dataset within the pool, such as `local/root`") String rollback,
    Map<@Pattern(regexp = DATASET, message = "a dataset within the pool, such as `safe/persist`") String,
        @AbsolutePath(root = false, example = "/persist") String> datasets) {

  /** A dataset's name within its pool: parts of letters, digits and {@code _ . : -}, separated by {@code /}. */
  static final String DATASET = "[A-Za-z0-9_.:-]+(/[A-Za-z0-9_.:-]+)*";

  /** The pool unless the spec names another. */
  public static final String DEFAULT_POOL = "rpool";

  /** The snapshot the root dataset is rolled back to, taken while it is empty. */
  public static final String BLANK = "blank";

  public ZfsRoot {
    pool = pool == null ? DEFAULT_POOL : pool;
    ashift = ashift == null ? Pool.DEFAULT_ASHIFT : ashift;
    rollback = rollback == null ? "local/root" : rollback;
    datasets = datasets == null ? null : Maps.copy(datasets);
  }

  /** The persistent datasets by name within the pool, with their mountpoints: the spec's, else the default layout. */
  public Map<String, String> persistent(String persist) {
    if (datasets != null) {
      return datasets;
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("local/nix", "/nix");
    m.put("safe/persist", persist);
    m.put("safe/log", "/var/log");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The rolled-back dataset's full name. */
  public String rootDataset() {
    return pool + "/" + rollback;
  }

  /** The snapshot the root goes back to at every boot: {@code rpool/local/root@blank}. */
  public String blankSnapshot() {
    return rootDataset() + "@" + BLANK;
  }
}
