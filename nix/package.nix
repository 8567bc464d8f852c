# The homelab package: built with Maven from this checkout (tests left to CI, which has the
# tools they run), the jar run by a wrapper with a headless JRE, and the completion scripts and
# manual pages the command line makes of itself.
{
  lib,
  maven,
  jdk17,
  jdk17_headless,
  makeWrapper,
  installShellFiles,
}:

maven.buildMavenPackage {
  pname = "homelab";
  version = import ./version.nix;

  src = lib.fileset.toSource {
    root = ../.;
    fileset = lib.fileset.unions [
      ../pom.xml
      ../src/main
      ../templates
      ../docs/errors
    ];
  };

  mvnJdk = jdk17;
  # The hash of the Maven dependencies (buildMavenPackage's fixed-output derivation). After a
  # change of dependencies, set it to lib.fakeHash, build, and copy the hash Nix reports.
  mvnHash = lib.fakeHash;
  doCheck = false;

  nativeBuildInputs = [
    makeWrapper
    installShellFiles
  ];

  installPhase = ''
    runHook preInstall

    install -Dm644 target/homelab.jar $out/share/homelab/homelab.jar
    makeWrapper ${jdk17_headless}/bin/java $out/bin/homelab \
      --add-flags "-jar $out/share/homelab/homelab.jar"

    installShellCompletion --cmd homelab \
      --bash <($out/bin/homelab completion bash) \
      --fish <($out/bin/homelab completion fish)
    $out/bin/homelab man -o man
    installManPage man/*.1

    runHook postInstall
  '';

  meta = {
    description = "Compiles a YAML homelab spec into a NixOS flake";
    license = lib.licenses.mit;
    mainProgram = "homelab";
    platforms = jdk17_headless.meta.platforms;
  };
}
