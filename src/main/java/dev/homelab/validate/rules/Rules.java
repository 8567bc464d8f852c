package dev.homelab.validate.rules;

import dev.homelab.validate.Rule;
import java.util.List;

/** Every cross-cutting rule, in the order they run (the report is sorted by place anyway). */
public final class Rules {

  private Rules() {}

  public static List<Rule> all() {
    return List.of(
        new NameGrammar(),
        new ChannelRelease(),
        new UnknownServiceKind(),
        new OneInstancePerHost(),
        new ContainerServices(),
        new UnpinnedImage(),
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
        new ZfsRootRollback(),
        new ZfsRootPersistence(),
        new ZfsRootHostId(),
        new ZfsRootDisk(),
        new MountpointClash(),
        new PublicNeedsTls(),
        new ProxyCertificates(),
        new ExposureReachable(),
        new UnclaimedFirstAccount(),
        new PastedSecret(),
        new ServiceSettings(),
        new BackupSchedule(),
        new BackupStopUnits(),
        new DatasetProperties(),
        new VpnNotPublic(),
        new NoLoginExposed(),
        new ReplicationTarget(),
        new PreseedSource(),
        new NixosOptions(),
        new SshPasswordLogin(),
        new UnneededOpenPort(),
        new SecretFileMode(),
        new DesktopRole(),
        new PiSystem(),
        new LaptopExposure(),
        new RoleBoot(),
        new HardwareModel(),
        new HostPackages(),
        new FlakeInputs(),
        new UnknownInput(),
        new InputOptions(),
        new DeployHosts(),
        new DeployDarwinHost(),
        new DeployEngineOptions(),
        new DeployTargetUser(),
        new PersonHosts(),
        new HomeProfileApplies(),
        new DarwinHost(),
        new DarwinFields(),
        new DarwinOptions(),
        new SyncReferences(),
        new SyncDevices(),
        new SyncHostsCanSync(),
        new SyncPaths(),
        new MonitoringHost(),
        new MonitoringNotifications(),
        new MonitoringReach());
  }
}
