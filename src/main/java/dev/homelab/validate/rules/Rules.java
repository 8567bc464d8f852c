package dev.homelab.validate.rules;

import dev.homelab.validate.Rule;
import java.util.List;

/** Every cross-cutting rule, in the order they run (the report is sorted by place anyway). */
public final class Rules {

  private Rules() {}

  public static List<Rule> all() {
    return List.of(
        new NameGrammar(),
        new UnknownServiceKind(),
        new OneInstancePerHost(),
        new ContainerServices(),
        new UnknownReference(),
        new PortClash(),
        new UniqueAddresses(),
        new SsoProvider(),
        new MtlsNeedsCa(),
        new OidcClient(),
        new HostIdRule(),
        new QuotaBudget(),
        new PoolLayout(),
        new BtrfsRootLayout(),
        new MountpointClash(),
        new PublicNeedsTls(),
        new ProxyCertificates(),
        new ExposureReachable(),
        new UnclaimedFirstAccount(),
        new PastedSecret(),
        new ServiceSettings(),
        new BackupSchedule(),
        new DatasetProperties(),
        new VpnNotPublic(),
        new ReplicationTarget(),
        new PreseedSource(),
        new NixosOptions(),
        new MonitoringHost(),
        new MonitoringNotifications(),
        new MonitoringReach());
  }
}
