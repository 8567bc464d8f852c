# The version, read from the pom so that there is one place to change it.
let
  pom = builtins.readFile ../pom.xml;
in
builtins.head (
  builtins.match ".*<artifactId>homelab</artifactId>[[:space:]]*<version>([^<]+)</version>.*" pom
)
