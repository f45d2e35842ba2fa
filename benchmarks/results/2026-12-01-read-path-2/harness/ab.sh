java -Xmx3g -Dcacheapi=/root/.m2/repository/javax/cache/cache-api/1.1.1/cache-api-1.1.1.jar -Djctools=/root/.m2/repository/org/jctools/jctools-core/4.0.5/jctools-core-4.0.5.jar -cp /tmp/ab AB "$@"
