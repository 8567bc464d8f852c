package dev.homelab.validate.rules;

import dev.homelab.bind.SourceMap;
import dev.homelab.model.Dataset;
import dev.homelab.model.Pool;
import dev.homelab.model.Size;
import dev.homelab.validate.Rule;
import dev.homelab.validate.RuleContext;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HL0370: dataset properties are values ZFS accepts: recordsize a power of two from 512 to
 * 16M, a known compression, sync and xattr, an owner
 * {@code user:group}; a nested dataset's parent is declared too. The mountpoint is an
 * {@code @AbsolutePath} field constraint (HL0300).
 */
public final class DatasetProperties implements Rule {

  private static final Pattern COMPRESSION = Pattern.compile("on|off|lz4|zle|lzjb|gzip(-[1-9])?|zstd(-([1-9]|1[0-9]))?|zstd-fast(-[0-9]+)?");
  private static final Pattern SYNC = Pattern.compile("standard|always|disabled");
  private static final Pattern OWNER = Pattern.compile("[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?");

  @Override
  public String id() {
    return "HL0370";
  }

  @Override
  public void check(RuleContext ctx) {
    ctx.hosts().forEach((hostName, host) -> {
      for (Map.Entry<String, Pool> p : host.storage().entrySet()) {
        String poolPath = SourceMap.path("hosts", hostName, "storage", p.getKey());
        for (Map.Entry<String, Dataset> e : p.getValue().datasets().entrySet()) {
          String path = SourceMap.path(poolPath, "datasets", e.getKey());
          Dataset d = e.getValue();
          int cut = e.getKey().lastIndexOf('/');
          if (cut > 0 && !p.getValue().datasets().containsKey(e.getKey().substring(0, cut))) {
            ctx.errorAtKey(path, "dataset `" + e.getKey() + "` has no parent `" + e.getKey().substring(0, cut) + "` in the spec",
                "declare the parent too (`" + e.getKey().substring(0, cut) + ": {}`), so it is created first and children inherit from it");
          }
          if (d.recordsize() != null) {
            Size s = Size.parse(d.recordsize());
            if (s == null || Long.bitCount(s.bytes()) != 1 || s.bytes() < 512 || s.bytes() > 16L * 1024 * 1024) {
              ctx.error(SourceMap.child(path, "recordsize"), "recordsize `" + d.recordsize() + "` is not a power of two from 512 to 16M",
                  "typical: `16K` for SQLite, `8K` for PostgreSQL, `128K` by default, `1M` for media");
            }
          }
          if (d.compression() != null && !COMPRESSION.matcher(d.compression()).matches()) {
            ctx.error(SourceMap.child(path, "compression"), "`" + d.compression() + "` is not a ZFS compression", "use `lz4` or `zstd`");
          }
          if (d.xattr() != null && !d.xattr().matches("on|off|sa|dir")) {
            ctx.error(SourceMap.child(path, "xattr"), "`" + d.xattr() + "` is not a ZFS xattr mode",
                "xattr is `sa`, `on`, `dir` or `off` (`sa`: in the inode, fastest on Linux)");
          }
          if (d.sync() != null && !SYNC.matcher(d.sync()).matches()) {
            ctx.error(SourceMap.child(path, "sync"), "`" + d.sync() + "` is not a ZFS sync mode", "use `standard`, `always` or `disabled`");
          }
          if (d.mode() != null && !d.mode().matches("[0-7]{3,4}")) {
            ctx.error(SourceMap.child(path, "mode"), "`" + d.mode() + "` is not a file mode", "write it in octal, quoted: `mode: \"2775\"`");
          }
          if (d.owner() != null && !OWNER.matcher(d.owner()).matches()) {
            ctx.error(SourceMap.child(path, "owner"), "`" + d.owner() + "` is not `user` or `user:group`", "for example `root:media`");
          }
        }
      }
    });
  }
}
