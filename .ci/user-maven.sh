# Sourced by .ci/readme-project and .ci/archetype-project: Maven as a user of lva runs it, with lva installed
# into a temporary local repository "$tmp/repo" (never into ~/.m2, which other builds share). Artifacts other
# than lva's come from the local repository this machine's build filled (a file:// repository listed first),
# and from Maven Central for what that lacks. Needs $tmp (a scratch folder the caller removes).
m2="${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}"
cat > "$tmp/settings.xml" <<XML
<settings>
  <profiles>
    <profile>
      <id>filled</id>
      <repositories>
        <repository><id>filled</id><url>file://$m2</url></repository>
        <repository><id>central</id><url>https://repo.maven.apache.org/maven2</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>filled</id><url>file://$m2</url></pluginRepository>
        <pluginRepository><id>central</id><url>https://repo.maven.apache.org/maven2</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>filled</activeProfile></activeProfiles>
</settings>
XML
mvn_user() {
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never -s "$tmp/settings.xml" \
    -Dmaven.repo.local="$tmp/repo" "$@"
}
