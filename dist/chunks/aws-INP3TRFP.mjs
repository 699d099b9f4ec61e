#!/usr/bin/env node
let __nanoshipRequire; const require = (id) => (__nanoshipRequire ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);
import {
  ENV_KEY,
  ENV_SECRET,
  fromEnv
} from "./chunk-4FUTVEUL.mjs";
import {
  AwsEc2QueryProtocol,
  AwsJson1_1Protocol,
  AwsRestJsonProtocol,
  AwsSdkSigV4Signer,
  NODE_AUTH_SCHEME_PREFERENCE_OPTIONS,
  resolveAwsSdkSigV4Config
} from "./chunk-6LT6XY2H.mjs";
import {
  Sha256Node
} from "./chunk-A3HPXFN3.mjs";
import {
  NodeHttpHandler
} from "./chunk-5RIBXXJJ.mjs";
import {
  BinaryDecisionDiagram,
  Client,
  DEFAULT_RETRY_MODE,
  DefaultIdentityProviderConfig,
  EndpointCache,
  NODE_APP_ID_CONFIG_OPTIONS,
  NODE_MAX_ATTEMPT_CONFIG_OPTIONS,
  NODE_RETRY_MODE_CONFIG_OPTIONS,
  NoOpLogger,
  ServiceException,
  awsEndpointFunctions,
  createDefaultUserAgentProvider,
  createPaginator,
  customEndpointFunctions,
  decideEndpoint,
  emitWarningIfUnsupportedVersion,
  emitWarningIfUnsupportedVersion2,
  getAwsRegionExtensionConfiguration,
  getDefaultExtensionConfiguration,
  getDefaultSocketTimeout,
  getEndpointPlugin,
  getHostHeaderPlugin,
  getHttpAuthSchemeEndpointRuleSetPlugin,
  getHttpSigningPlugin,
  getLoggerPlugin,
  getRecursionDetectionPlugin,
  getRetryPlugin,
  getUserAgentPlugin,
  loadConfigsForDefaultMode,
  makeBuilder,
  resolveAwsRegionExtensionConfiguration,
  resolveDefaultRuntimeConfig,
  resolveEndpointConfig,
  resolveHostHeaderConfig,
  resolveRetryConfig,
  resolveUserAgentConfig
} from "./chunk-75ANFKTY.mjs";
import {
  CredentialsProviderError,
  ENV_PROFILE,
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  chain,
  getContentLengthPlugin,
  getHttpHandlerExtensionConfiguration,
  loadConfig,
  resolveDefaultsModeConfig,
  resolveHttpHandlerRuntimeConfig,
  resolveRegionConfig
} from "./chunk-YBJ27IM3.mjs";
import {
  TypeRegistry,
  calculateBodyLength,
  fromBase64,
  fromUtf8,
  getSchemaSerdePlugin,
  getSmithyContext,
  normalizeProvider,
  parseUrl,
  sdkStreamMixin,
  streamCollector,
  toBase64,
  toUtf8
} from "./chunk-MTV5QAAV.mjs";
import {
  retry
} from "./chunk-DERJX6PK.mjs";
import {
  TagKeys,
  awsImageName,
  channelOf,
  compactTimestamp,
  nanoshipTags
} from "./chunk-YP26X3DU.mjs";
import {
  readFully
} from "./chunk-ZBWKTN27.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// node_modules/@aws-sdk/client-ec2/dist-es/auth/httpAuthSchemeProvider.js
var defaultEC2HttpAuthSchemeParametersProvider = /* @__PURE__ */ __name(async (config, context, input) => {
  return {
    operation: getSmithyContext(context).operation,
    region: await normalizeProvider(config.region)() || (() => {
      throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
    })()
  };
}, "defaultEC2HttpAuthSchemeParametersProvider");
function createAwsAuthSigv4HttpAuthOption(authParameters) {
  return {
    schemeId: "aws.auth#sigv4",
    signingProperties: {
      name: "ec2",
      region: authParameters.region
    },
    propertiesExtractor: /* @__PURE__ */ __name((config, context) => ({
      signingProperties: {
        config,
        context
      }
    }), "propertiesExtractor")
  };
}
__name(createAwsAuthSigv4HttpAuthOption, "createAwsAuthSigv4HttpAuthOption");
var defaultEC2HttpAuthSchemeProvider = /* @__PURE__ */ __name((authParameters) => {
  const options = [];
  switch (authParameters.operation) {
    default: {
      options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
    }
  }
  return options;
}, "defaultEC2HttpAuthSchemeProvider");
var resolveHttpAuthSchemeConfig = /* @__PURE__ */ __name((config) => {
  const config_0 = resolveAwsSdkSigV4Config(config);
  return Object.assign(config_0, {
    authSchemePreference: normalizeProvider(config.authSchemePreference ?? [])
  });
}, "resolveHttpAuthSchemeConfig");

// node_modules/@aws-sdk/client-ec2/dist-es/endpoint/EndpointParameters.js
var resolveClientEndpointParameters = /* @__PURE__ */ __name((options) => {
  return Object.assign(options, {
    useDualstackEndpoint: options.useDualstackEndpoint ?? false,
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    defaultSigningName: "ec2"
  });
}, "resolveClientEndpointParameters");
var commonParams = {
  UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
  Endpoint: { type: "builtInParams", name: "endpoint" },
  Region: { type: "builtInParams", name: "region" },
  UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" }
};

// node_modules/@aws-sdk/client-ec2/package.json
var package_default = {
  name: "@aws-sdk/client-ec2",
  version: "3.1169.0",
  description: "AWS SDK for JavaScript Ec2 Client for Node.js, Browser and React Native",
  homepage: "https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-ec2",
  license: "Apache-2.0",
  author: {
    name: "AWS SDK for JavaScript Team",
    url: "https://aws.amazon.com/sdk-for-javascript/"
  },
  repository: {
    type: "git",
    url: "https://github.com/aws/aws-sdk-js-v3.git",
    directory: "clients/client-ec2"
  },
  files: [
    "dist-*/**"
  ],
  sideEffects: false,
  main: "./dist-cjs/index.js",
  module: "./dist-es/index.js",
  browser: {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.browser"
  },
  types: "./dist-types/index.d.ts",
  typesVersions: {
    "<4.5": {
      "dist-types/*": [
        "dist-types/ts3.4/*"
      ]
    }
  },
  "react-native": {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.native"
  },
  scripts: {
    build: "concurrently 'yarn:build:types' 'yarn:build:es' && yarn build:cjs",
    "build:cjs": "node ../../scripts/compilation/inline",
    "build:es": "premove dist-es && tsc -p tsconfig.es.json",
    "build:include:deps": 'yarn g:turbo run build -F="$npm_package_name"',
    "build:types": "premove dist-types && tsc -p tsconfig.types.json",
    "build:types:downlevel": "downlevel-dts dist-types dist-types/ts3.4",
    clean: "premove dist-cjs dist-es dist-types",
    "extract:docs": "api-extractor run --local",
    "generate:client": "node ../../scripts/generate-clients/single-service",
    test: "yarn g:vitest run --passWithNoTests",
    "test:watch": "yarn g:vitest watch --passWithNoTests",
    "test:integration": "yarn g:vitest run --passWithNoTests -c vitest.config.integ.mts",
    "test:integration:watch": "yarn g:vitest watch --passWithNoTests -c vitest.config.integ.mts",
    "test:e2e": "yarn g:vitest run -c vitest.config.e2e.mts",
    "test:e2e:watch": "yarn g:vitest watch -c vitest.config.e2e.mts",
    "test:index": "tsc -p tsconfig.test.json && node ./test/index-objects.spec.mjs"
  },
  dependencies: {
    "@aws-sdk/core": "^3.981.0",
    "@aws-sdk/credential-provider-node": "^3.972.97",
    "@aws-sdk/middleware-sdk-ec2": "^3.972.72",
    "@aws-sdk/types": "^3.975.1",
    "@smithy/core": "^3.40.0",
    "@smithy/fetch-http-handler": "^5.8.1",
    "@smithy/node-http-handler": "^4.14.2",
    "@smithy/types": "^4.20.0",
    tslib: "^2.6.2"
  },
  devDependencies: {
    "@smithy/snapshot-testing": "^2.4.0",
    "@tsconfig/node20": "20.1.8",
    "@types/node": "^20.14.8",
    concurrently: "7.0.0",
    "downlevel-dts": "0.10.1",
    premove: "4.0.0",
    typescript: "~7.0.2",
    vitest: "^4.0.17"
  },
  engines: {
    node: ">=20.0.0"
  }
};

// node_modules/@aws-sdk/credential-provider-node/dist-es/remoteProvider.js
var ENV_IMDS_DISABLED = "AWS_EC2_METADATA_DISABLED";
var remoteProvider = /* @__PURE__ */ __name(async (init) => {
  const { ENV_CMDS_FULL_URI, ENV_CMDS_RELATIVE_URI, fromContainerMetadata, fromInstanceMetadata } = await import("./dist-es-B336L43X.mjs");
  if (process.env[ENV_CMDS_RELATIVE_URI] || process.env[ENV_CMDS_FULL_URI]) {
    init.logger?.debug("@aws-sdk/credential-provider-node - remoteProvider::fromHttp/fromContainerMetadata");
    const { fromHttp } = await import("./dist-es-VJRZZZRL.mjs");
    return chain(fromHttp(init), fromContainerMetadata(init));
  }
  if (process.env[ENV_IMDS_DISABLED] && process.env[ENV_IMDS_DISABLED] !== "false") {
    return async () => {
      throw new CredentialsProviderError("EC2 Instance Metadata Service access disabled", { logger: init.logger });
    };
  }
  init.logger?.debug("@aws-sdk/credential-provider-node - remoteProvider::fromInstanceMetadata");
  return fromInstanceMetadata(init);
}, "remoteProvider");

// node_modules/@aws-sdk/credential-provider-node/dist-es/runtime/memoize-chain.js
function memoizeChain(providers, treatAsExpired) {
  const chain2 = internalCreateChain(providers);
  let activeLock;
  let passiveLock;
  let credentials;
  let forceRefreshLock;
  const provider = /* @__PURE__ */ __name(async (options) => {
    if (options?.forceRefresh) {
      if (!forceRefreshLock) {
        forceRefreshLock = chain2(options).then((c4) => {
          credentials = c4;
        }).finally(() => {
          forceRefreshLock = void 0;
        });
      }
      await forceRefreshLock;
      return credentials;
    }
    if (credentials?.expiration) {
      if (credentials?.expiration?.getTime() < Date.now()) {
        credentials = void 0;
      }
    }
    if (activeLock) {
      await activeLock;
    } else if (!credentials || treatAsExpired?.(credentials)) {
      if (credentials) {
        if (!passiveLock) {
          passiveLock = chain2(options).then((c4) => {
            credentials = c4;
          }).catch(() => {
          }).finally(() => {
            passiveLock = void 0;
          });
        }
      } else {
        activeLock = chain2(options).then((c4) => {
          credentials = c4;
        }).finally(() => {
          activeLock = void 0;
        });
        return provider(options);
      }
    }
    return credentials;
  }, "provider");
  return provider;
}
__name(memoizeChain, "memoizeChain");
var internalCreateChain = /* @__PURE__ */ __name((providers) => async (awsIdentityProperties) => {
  let lastProviderError;
  for (const provider of providers) {
    try {
      return await provider(awsIdentityProperties);
    } catch (err) {
      lastProviderError = err;
      if (err?.tryNextLink) {
        continue;
      }
      throw err;
    }
  }
  throw lastProviderError;
}, "internalCreateChain");

// node_modules/@aws-sdk/credential-provider-node/dist-es/defaultProvider.js
var multipleCredentialSourceWarningEmitted = false;
var defaultProvider = /* @__PURE__ */ __name((init = {}) => memoizeChain([
  async () => {
    const profile = init.profile ?? process.env[ENV_PROFILE];
    if (profile) {
      const envStaticCredentialsAreSet = process.env[ENV_KEY] && process.env[ENV_SECRET];
      if (envStaticCredentialsAreSet) {
        if (!multipleCredentialSourceWarningEmitted) {
          const warnFn = init.logger?.warn && init.logger?.constructor?.name !== "NoOpLogger" ? init.logger.warn.bind(init.logger) : console.warn;
          warnFn(`@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING:
    Multiple credential sources detected: 
    Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY static credentials are set.
    This SDK will proceed with the AWS_PROFILE value.
    
    However, a future version may change this behavior to prefer the ENV static credentials.
    Please ensure that your environment only sets either the AWS_PROFILE or the
    AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY pair.
`);
          multipleCredentialSourceWarningEmitted = true;
        }
      }
      throw new CredentialsProviderError("AWS_PROFILE is set, skipping fromEnv provider.", {
        logger: init.logger,
        tryNextLink: true
      });
    }
    init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromEnv");
    return fromEnv(init)();
  },
  async (awsIdentityProperties) => {
    init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromSSO");
    const { ssoStartUrl, ssoAccountId, ssoRegion, ssoRoleName, ssoSession } = init;
    if (!ssoStartUrl && !ssoAccountId && !ssoRegion && !ssoRoleName && !ssoSession) {
      throw new CredentialsProviderError("Skipping SSO provider in default chain (inputs do not include SSO fields).", { logger: init.logger });
    }
    const { fromSSO } = await import("./dist-es-RCMG5DXY.mjs");
    return fromSSO(init)(awsIdentityProperties);
  },
  async (awsIdentityProperties) => {
    init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromIni");
    const { fromIni } = await import("./dist-es-PHTP23XZ.mjs");
    return fromIni(init)(awsIdentityProperties);
  },
  async (awsIdentityProperties) => {
    init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromProcess");
    const { fromProcess } = await import("./dist-es-XPBT7PHI.mjs");
    return fromProcess(init)(awsIdentityProperties);
  },
  async (awsIdentityProperties) => {
    init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromTokenFile");
    const { fromTokenFile } = await import("./dist-es-XBYOMKBM.mjs");
    return fromTokenFile(init)(awsIdentityProperties);
  },
  async () => {
    init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::remoteProvider");
    return (await remoteProvider(init))();
  },
  async () => {
    throw new CredentialsProviderError("Could not load credentials from any providers", {
      tryNextLink: false,
      logger: init.logger
    });
  }
], credentialsTreatedAsExpired), "defaultProvider");
var credentialsTreatedAsExpired = /* @__PURE__ */ __name((credentials) => credentials?.expiration !== void 0 && credentials.expiration.getTime() - Date.now() < 3e5, "credentialsTreatedAsExpired");

// node_modules/@aws-sdk/client-ec2/dist-es/endpoint/bdd.js
var k = "ref";
var a = -1;
var b = true;
var c = "isSet";
var d = "PartitionResult";
var e = "booleanEquals";
var f = "getAttr";
var g = { [k]: "Endpoint" };
var h = { [k]: d };
var i = {};
var j = [{ [k]: "Region" }];
var _data = {
  conditions: [
    [c, [g]],
    [c, j],
    ["aws.partition", j, d],
    [e, [{ [k]: "UseFIPS" }, b]],
    [e, [{ [k]: "UseDualStack" }, b]],
    [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
    [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
    ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
  ],
  results: [
    [a],
    [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
    [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
    [g, i],
    ["https://ec2-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
    [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
    ["https://ec2.{Region}.amazonaws.com", i],
    ["https://ec2-fips.{Region}.{PartitionResult#dnsSuffix}", i],
    [a, "FIPS is enabled but this partition does not support FIPS"],
    ["https://ec2.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
    [a, "DualStack is enabled but this partition does not support DualStack"],
    ["https://ec2.{Region}.{PartitionResult#dnsSuffix}", i],
    [a, "Invalid Configuration: Missing Region"]
  ]
};
var root = 2;
var r = 1e8;
var nodes = new Int32Array([
  -1,
  1,
  -1,
  0,
  13,
  3,
  1,
  4,
  r + 12,
  2,
  5,
  r + 12,
  3,
  8,
  6,
  4,
  7,
  r + 11,
  5,
  r + 9,
  r + 10,
  4,
  11,
  9,
  6,
  10,
  r + 8,
  7,
  r + 6,
  r + 7,
  5,
  12,
  r + 5,
  6,
  r + 4,
  r + 5,
  3,
  r + 1,
  14,
  4,
  r + 2,
  r + 3
]);
var bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

// node_modules/@aws-sdk/client-ec2/dist-es/endpoint/endpointResolver.js
var cache = new EndpointCache({
  size: 50,
  params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"]
});
var defaultEndpointResolver = /* @__PURE__ */ __name((endpointParams, context = {}) => {
  return cache.get(endpointParams, () => decideEndpoint(bdd, {
    endpointParams,
    logger: context.logger
  }));
}, "defaultEndpointResolver");
customEndpointFunctions.aws = awsEndpointFunctions;

// node_modules/@aws-sdk/client-ec2/dist-es/models/EC2ServiceException.js
var EC2ServiceException = class _EC2ServiceException extends ServiceException {
  static {
    __name(this, "EC2ServiceException");
  }
  static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.ec2#EC2ServiceException";
  constructor(options) {
    super(options);
    Object.setPrototypeOf(this, _EC2ServiceException.prototype);
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js
var _AC = "AcceleratorCount";
var _ACIA = "AssociateCarrierIpAddress";
var _ACR = "AcceleratorCountRequest";
var _AGV = "ApiGatewayV2";
var _AHR = "AllocateHostsRequest";
var _AIAC = "AvailableIpAddressCount";
var _AIAOC = "AssignIpv6AddressOnCreation";
var _AIT = "AllowedInstanceTypes";
var _AITS = "AllowedInstanceTypeSet";
var _AITl = "AllowedInstanceType";
var _AId = "AdditionalInfo";
var _AIs = "AssociationId";
var _AIss = "AssetIds";
var _AIsse = "AssetId";
var _AItt = "AttachmentId";
var _ALI = "AmiLaunchIndex";
var _AMAI = "AddMiddleboxAttachmentIds";
var _AMAId = "AddMiddleboxAttachmentId";
var _AMSc = "AcceleratorManufacturerSet";
var _AMc = "AcceleratorManufacturers";
var _AMcc = "AcceleratorManufacturer";
var _ANSc = "AcceleratorNameSet";
var _ANcc = "AcceleratorNames";
var _ANcce = "AcceleratorName";
var _APIAss = "AssociatePublicIpAddress";
var _APu = "AutoPlacement";
var _ARss = "AssociatedResource";
var _ARuto = "AutoRecovery";
var _ASGIR = "AuthorizeSecurityGroupIngressRequest";
var _ASGIRu = "AuthorizeSecurityGroupIngressResult";
var _ASGIu = "AuthorizeSecurityGroupIngress";
var _ASSm = "AmdSevSnp";
var _ATMMB = "AcceleratorTotalMemoryMiB";
var _ATMMBR = "AcceleratorTotalMemoryMiBRequest";
var _ATSc = "AcceleratorTypeSet";
var _ATSr = "ArchitectureTypeSet";
var _ATc = "AcceleratorTypes";
var _ATcc = "AcceleratorType";
var _ATr = "ArchitectureTypes";
var _ATrc = "ArchitectureType";
var _ATtt = "AttachTime";
var _AVt = "AttributeValue";
var _AZ = "AvailabilityZone";
var _AZI = "AvailabilityZoneId";
var _Ad = "Add";
var _Af = "Affinity";
var _Ar = "Arn";
var _Arc = "Architecture";
var _Ass = "Association";
var _At = "Attribute";
var _Att = "Attachment";
var _BDM = "BlockDeviceMapping";
var _BDML = "BlockDeviceMappingList";
var _BDMRL = "BlockDeviceMappingRequestList";
var _BDMl = "BlockDeviceMappings";
var _BDMlo = "BlockDurationMinutes";
var _BEBM = "BaselineEbsBandwidthMbps";
var _BEBMR = "BaselineEbsBandwidthMbpsRequest";
var _BM = "BootMode";
var _BMa = "BareMetal";
var _BP = "BurstablePerformance";
var _BPAS = "BlockPublicAccessStates";
var _BPF = "BaselinePerformanceFactors";
var _BPFR = "BaselinePerformanceFactorsRequest";
var _BPL = "BillingProductList";
var _BPi = "BillingProducts";
var _BPil = "BillingProduct";
var _BW = "BandwidthWeighting";
var _CB = "CidrBlock";
var _CBAS = "CidrBlockAssociationSet";
var _CBI = "CapacityBlockId";
var _CBSi = "CidrBlockState";
var _CCor = "CoreCount";
var _CCp = "CpuCredits";
var _CDM = "CompletionDurationMinutes";
var _CDr = "CreationDate";
var _CFAS = "CriticalFixAvailableSince";
var _CGI = "CarrierGatewayId";
var _CGIa = "CarrierGatewayIds";
var _CI = "CarrierIp";
var _CIBM = "CurrentInstanceBootMode";
var _CIR = "CopyImageRequest";
var _CIRo = "CopyImageResult";
var _CIT = "CopyImageTags";
var _CIi = "CidrIp";
var _CIid = "CidrIpv6";
var _CIidr = "CidrIpv4";
var _CIopy = "CopyImage";
var _CM = "CpuManufacturers";
var _CMSp = "CpuManufacturerSet";
var _CMp = "CpuManufacturer";
var _CO = "CpuOptions";
var _COI = "CustomerOwnedIp";
var _COIP = "CustomerOwnedIpv4Pool";
var _COR = "CpuOptionsRequest";
var _CPFR = "CpuPerformanceFactorRequest";
var _CRI = "CapacityReservationId";
var _CRP = "CapacityReservationPreference";
var _CRRGA = "CapacityReservationResourceGroupArn";
var _CRSR = "CapacityReservationSpecificationResponse";
var _CRSa = "CapacityReservationSpecification";
var _CRT = "CapacityReservationTarget";
var _CRTR = "CapacityReservationTargetResponse";
var _CSG = "CreateSecurityGroup";
var _CSGR = "CreateSecurityGroupRequest";
var _CSGRr = "CreateSecurityGroupResult";
var _CSRred = "CreditSpecificationRequest";
var _CSr = "CreditSpecification";
var _CSu = "CurrentState";
var _CT = "ClientToken";
var _CTC = "ConnectionTrackingConfiguration";
var _CTGMPR = "CreateTransitGatewayMeteringPolicyRequest";
var _CTR = "CreateTagsRequest";
var _CTS = "ConnectionTrackingSpecification";
var _CTSR = "ConnectionTrackingSpecificationRequest";
var _CTSRo = "ConnectionTrackingSpecificationResponse";
var _CTomp = "CompletionTime";
var _CVP = "CreateVolumePermission";
var _CVPL = "CreateVolumePermissionList";
var _CVPM = "CreateVolumePermissionModifications";
var _Co = "Code";
var _Conf = "Configured";
var _Cou = "Count";
var _Cp = "Cpu";
var _DAS = "DeleteAssociatedSnapshots";
var _DASi = "DisableApiStop";
var _DAT = "DisableApiTermination";
var _DAZ = "DestinationAvailabilityZone";
var _DAZI = "DestinationAvailabilityZoneId";
var _DAep = "DeprecateAt";
var _DCB = "DestinationCidrBlock";
var _DCGRes = "DescribeCarrierGatewaysRequest";
var _DEKI = "DataEncryptionKeyId";
var _DFA = "DefaultForAz";
var _DFR = "DeleteFleetsRequest";
var _DFRes = "DescribeFleetsRequest";
var _DI = "DeviceIndex";
var _DIRR = "DescribeImageReferencesRequest";
var _DIRer = "DeregisterImageRequest";
var _DIRere = "DeregisterImageResult";
var _DIRes = "DescribeImagesRequest";
var _DIResc = "DescribeImagesResult";
var _DIRescr = "DescribeInstancesRequest";
var _DIRescri = "DescribeInstancesResult";
var _DITR = "DescribeInstanceTopologyRequest";
var _DITRes = "DescribeInstanceTypesRequest";
var _DIURER = "DescribeImageUsageReportEntriesRequest";
var _DIURRes = "DescribeImageUsageReportsRequest";
var _DIer = "DeregisterImage";
var _DIes = "DescribeImages";
var _DIesc = "DescribeInstances";
var _DN = "DeviceName";
var _DNIPRescr = "DescribeNetworkInterfacePermissionsRequest";
var _DOA = "DestinationOutpostArn";
var _DOI = "DhcpOptionsId";
var _DOT = "DeleteOnTermination";
var _DPGRe = "DescribePlacementGroupsRequest";
var _DPRe = "DestinationPortRange";
var _DPer = "DeregistrationProtection";
var _DR = "DryRun";
var _DRIOR = "DescribeReservedInstancesOfferingsRequest";
var _DRSERes = "DescribeRouteServerEndpointsRequest";
var _DRSPRes = "DescribeRouteServerPeersRequest";
var _DRSRes = "DescribeRouteServersRequest";
var _DSG = "DeleteSecurityGroup";
var _DSGR = "DeleteSecurityGroupRequest";
var _DSGRe = "DeleteSecurityGroupResult";
var _DSGRes = "DescribeSecurityGroupsRequest";
var _DSGResc = "DescribeSecurityGroupsResult";
var _DSGe = "DescribeSecurityGroups";
var _DSPHR = "DescribeSpotPriceHistoryRequest";
var _DSR = "DeleteSnapshotRequest";
var _DSRC = "DeleteSnapshotReturnCode";
var _DSRS = "DeleteSnapshotResultSet";
var _DSRel = "DeleteSnapshotResults";
var _DSRes = "DescribeSnapshotsRequest";
var _DSResc = "DescribeSnapshotsResult";
var _DSRescr = "DescribeSubnetsRequest";
var _DSRescri = "DescribeSubnetsResult";
var _DSele = "DeleteSnapshot";
var _DSes = "DescribeSnapshots";
var _DSesc = "DescribeSubnets";
var _DTGAR = "DescribeTransitGatewayAttachmentsRequest";
var _DTGCRes = "DescribeTransitGatewayConnectsRequest";
var _DTGPARes = "DescribeTransitGatewayPeeringAttachmentsRequest";
var _DTGVARes = "DescribeTransitGatewayVpcAttachmentsRequest";
var _DTR = "DeleteTagsRequest";
var _DTe = "DeprecationTime";
var _DVRescr = "DescribeVpcsRequest";
var _DVRescri = "DescribeVpcsResult";
var _DVesc = "DescribeVpcs";
var _De = "Description";
var _EBD = "EbsBlockDevice";
var _EBSL = "ExecutableByStringList";
var _EBx = "ExecutableBy";
var _ECI = "EbsCardIndex";
var _ECn = "EncryptionControl";
var _EDn = "EnableDns64";
var _EFS = "ElasticFileSystem";
var _EGA = "ElasticGpuAssociation";
var _EGAI = "ElasticGpuAssociationId";
var _EGAL = "ElasticGpuAssociationList";
var _EGAS = "ElasticGpuAssociationState";
var _EGAT = "ElasticGpuAssociationTime";
var _EGAl = "ElasticGpuAssociations";
var _EGIl = "ElasticGpuId";
var _EGSla = "ElasticGpuSpecification";
var _EGSlas = "ElasticGpuSpecifications";
var _EIA = "ElasticInferenceAccelerator";
var _EIAA = "ElasticInferenceAcceleratorAssociation";
var _EIAAI = "ElasticInferenceAcceleratorAssociationId";
var _EIAAL = "ElasticInferenceAcceleratorAssociationList";
var _EIAAS = "ElasticInferenceAcceleratorAssociationState";
var _EIAAT = "ElasticInferenceAcceleratorAssociationTime";
var _EIAAl = "ElasticInferenceAcceleratorArn";
var _EIAAla = "ElasticInferenceAcceleratorAssociations";
var _EIAl = "ElasticInferenceAccelerators";
var _EIBD = "EbsInstanceBlockDevice";
var _EID = "EnableImageDeprecation";
var _EIDR = "EnableImageDeprecationRequest";
var _EIDRn = "EnableImageDeprecationResult";
var _EITSx = "ExcludedInstanceTypeSet";
var _EITxc = "ExcludedInstanceTypes";
var _EITxcl = "ExcludedInstanceType";
var _ELADI = "EnableLniAtDeviceIndex";
var _EO = "EbsOptimized";
var _EOIG = "EgressOnlyInternetGateway";
var _EOR = "EnclaveOptionsRequest";
var _EOn = "EnclaveOptions";
var _EPI = "EnablePrimaryIpv6";
var _EQC = "EnaQueueCount";
var _ERNDAAAAR = "EnableResourceNameDnsAAAARecord";
var _ERNDAR = "EnableResourceNameDnsARecord";
var _ESE = "EnaSrdEnabled";
var _ESS = "EnaSrdSpecification";
var _ESSR = "EnaSrdSpecificationRequest";
var _ESUE = "EnaSrdUdpEnabled";
var _ESUS = "EnaSrdUdpSpecification";
var _ESUSR = "EnaSrdUdpSpecificationRequest";
var _ESna = "EnaSupport";
var _ETnd = "EndTime";
var _EU = "ExecutableUsers";
var _Eb = "Ebs";
var _En = "Enabled";
var _Enc = "Encrypted";
var _F = "Force";
var _FIl = "FleetId";
var _FIle = "FleetIds";
var _FLi = "FilterList";
var _FP = "FromPort";
var _FSD = "FindingScanDate";
var _FSSIB = "FullSnapshotSizeInBytes";
var _FTE = "FreeTierEligible";
var _Fi = "Filters";
var _Fil = "Filter";
var _G = "Groups";
var _GA = "GlobalAccelerator";
var _GCO = "GetConsoleOutput";
var _GCOR = "GetConsoleOutputRequest";
var _GCORe = "GetConsoleOutputResult";
var _GD = "GroupDescription";
var _GIBPAS = "GetImageBlockPublicAccessState";
var _GIBPASR = "GetImageBlockPublicAccessStateRequest";
var _GIBPASRe = "GetImageBlockPublicAccessStateResult";
var _GIL = "GroupIdentifierList";
var _GISL = "GroupIdStringList";
var _GIr = "GroupId";
var _GIro = "GroupIds";
var _GIrou = "GroupIdentifier";
var _GN = "GroupName";
var _GNSL = "GroupNameStringList";
var _GNr = "GroupNames";
var _GOI = "GroupOwnerId";
var _GSPSR = "GetSpotPlacementScoresRequest";
var _Gr = "Group";
var _HBD = "HiddenByDefault";
var _HCOR = "HostCpuOptionsRequest";
var _HE = "HttpEndpoint";
var _HFAS = "HighFixAvailableSince";
var _HFSL = "HighestFindingSeverityLabel";
var _HIo = "HostId";
var _HM = "HostMaintenance";
var _HO = "HibernationOptions";
var _HOR = "HibernationOptionsRequest";
var _HPI = "HttpProtocolIpv6";
var _HPRHL = "HttpPutResponseHopLimit";
var _HR = "HostRecovery";
var _HRGA = "HostResourceGroupArn";
var _HT = "HttpTokens";
var _HTo = "HostnameType";
var _Hy = "Hypervisor";
var _I = "Id";
var _IA = "Ipv6Addresses";
var _IAA = "Ipv6AddressAttribute";
var _IAC = "Ipv6AddressCount";
var _IAESS = "InstanceAttachmentEnaSrdSpecification";
var _IAESUS = "InstanceAttachmentEnaSrdUdpSpecification";
var _IART = "IncludeAllResourceTypes";
var _IAm = "ImageAllowed";
var _IApv = "Ipv6Address";
var _IBDM = "InstanceBlockDeviceMapping";
var _IBDML = "InstanceBlockDeviceMappingList";
var _IBPAS = "ImageBlockPublicAccessState";
var _ICB = "Ipv6CidrBlock";
var _ICBAS = "Ipv6CidrBlockAssociationSet";
var _ICBS = "Ipv6CidrBlockState";
var _ID = "IncludeDeprecated";
var _IDn = "IncludeDisabled";
var _IDs = "IsDefault";
var _IE = "IsEgress";
var _IF = "InstanceFamily";
var _IFAS = "InformationalFixAvailableSince";
var _IG = "InternetGateway";
var _IGBM = "InternetGatewayBlockMode";
var _IGS = "InstanceGenerationSet";
var _IGns = "InstanceGenerations";
var _IGnst = "InstanceGeneration";
var _II = "InstanceId";
var _IIA = "InstanceIpv6Address";
var _IIAL = "InstanceIpv6AddressList";
var _IIB = "InstanceInterruptionBehavior";
var _IIP = "IamInstanceProfile";
var _IIPL = "InstanceIpv4PrefixList";
var _IIPLn = "InstanceIpv6PrefixList";
var _IIPS = "IamInstanceProfileSpecification";
var _IIPn = "InstanceIpv4Prefix";
var _IIPns = "InstanceIpv6Prefix";
var _IISB = "InstanceInitiatedShutdownBehavior";
var _IISL = "ImageIdStringList";
var _IISLn = "InstanceIdStringList";
var _IIm = "ImageId";
var _IIma = "ImageIds";
var _IIn = "InstanceIds";
var _IL = "ImageLocation";
var _ILZ = "IncludeLocalZones";
var _ILm = "ImageList";
var _ILn = "InstanceLifecycle";
var _ILns = "InstanceList";
var _IM = "IncludeMarketplace";
var _IMO = "InstanceMaintenanceOptions";
var _IMOR = "InstanceMaintenanceOptionsRequest";
var _IMORn = "InstanceMarketOptionsRequest";
var _IMORns = "InstanceMetadataOptionsRequest";
var _IMORnst = "InstanceMetadataOptionsResponse";
var _IMOns = "InstanceMarketOptions";
var _IMR = "IncludeManagedResources";
var _IMT = "InstanceMetadataTags";
var _IN = "Ipv6Native";
var _INI = "InstanceNetworkInterface";
var _INIA = "InstanceNetworkInterfaceAssociation";
var _INIAn = "InstanceNetworkInterfaceAttachment";
var _INIL = "InstanceNetworkInterfaceList";
var _INIS = "InstanceNetworkInterfaceSpecification";
var _INISL = "InstanceNetworkInterfaceSpecificationList";
var _INPO = "InstanceNetworkPerformanceOptions";
var _INPOR = "InstanceNetworkPerformanceOptionsRequest";
var _IOA = "ImageOwnerAlias";
var _IOI = "IpOwnerId";
var _IPC = "Ipv6PrefixCount";
var _IPCp = "Ipv4PrefixCount";
var _IPEp = "IpPermissionsEgress";
var _IPIA = "InstancePrivateIpAddress";
var _IPIAL = "InstancePrivateIpAddressList";
var _IPIs = "IsPrimaryIpv6";
var _IPLp = "IpPermissionList";
var _IPLpvr = "Ipv4PrefixList";
var _IPLpvref = "Ipv6PrefixList";
var _IPSRp = "Ipv4PrefixSpecificationRequest";
var _IPSRpvr = "Ipv6PrefixSpecificationRequest";
var _IPp = "Ipv6Prefixes";
var _IPpe = "IpPermissions";
var _IPper = "IpPermission";
var _IPpr = "IpProtocol";
var _IPpv = "Ipv6Prefix";
var _IPpvo = "Ipv6Pool";
var _IPpvr = "Ipv4Prefixes";
var _IPpvre = "Ipv4Prefix";
var _IR = "InstanceRequirements";
var _IRLp = "IpRangeList";
var _IRLpv = "Ipv6RangeList";
var _IRR = "InstanceRequirementsRequest";
var _IRWM = "InstanceRequirementsWithMetadata";
var _IRWMR = "InstanceRequirementsWithMetadataRequest";
var _IRpa = "IpRanges";
var _IRpan = "IpRange";
var _IRpv = "Ipv6Ranges";
var _IRpva = "Ipv6Range";
var _ISC = "InstanceStateChange";
var _ISCL = "InstanceStateChangeList";
var _ISIA = "InstanceSecondaryInterfaceAttachment";
var _ISIL = "InstanceSecondaryInterfaceList";
var _ISIPIA = "InstanceSecondaryInterfacePrivateIpAddress";
var _ISIPIAL = "InstanceSecondaryInterfacePrivateIpAddressList";
var _ISIPIALR = "InstanceSecondaryInterfacePrivateIpAddressListRequest";
var _ISIPIAR = "InstanceSecondaryInterfacePrivateIpAddressRequest";
var _ISISLR = "InstanceSecondaryInterfaceSpecificationListRequest";
var _ISISR = "InstanceSecondaryInterfaceSpecificationRequest";
var _ISIn = "InstanceSecondaryInterface";
var _ISmd = "ImdsSupport";
var _ISnsta = "InstanceState";
var _ISpo = "IpSource";
var _IT = "InstanceType";
var _ITIns = "InstanceTypeItem";
var _ITSn = "InstanceTypeSpecification";
var _ITm = "ImageType";
var _ITns = "InstanceTenancy";
var _ITnst = "InstanceTypes";
var _ITnt = "InterfaceType";
var _IUDR = "ImageUefiDataRequest";
var _IUIR = "IncludeUnsupportedInRegion";
var _IW = "ImageWatermarks";
var _IWL = "ImageWatermarkList";
var _IWm = "ImageWatermark";
var _Im = "Images";
var _Ima = "Image";
var _In = "Instance";
var _Ins = "Instances";
var _Io = "Iops";
var _K = "Key";
var _KI = "KernelId";
var _KKI = "KmsKeyId";
var _KN = "KeyName";
var _L = "Lambda";
var _LCA = "LicenseConfigurationArn";
var _LCR = "LicenseConfigurationRequest";
var _LCi = "LicenseConfiguration";
var _LFAS = "LowFixAvailableSince";
var _LL = "LicenseList";
var _LLT = "LastLaunchedTime";
var _LPL = "LaunchPermissionList";
var _LPM = "LaunchPermissionModifications";
var _LPau = "LaunchPermission";
var _LSLR = "LicenseSpecificationListRequest";
var _LST = "LocalStorageTypes";
var _LSTS = "LocalStorageTypeSet";
var _LSTo = "LocalStorageType";
var _LSi = "LicenseSpecifications";
var _LSic = "LicenseSpecification";
var _LSo = "LocalStorage";
var _LT = "LaunchTemplate";
var _LTI = "LaunchTemplateId";
var _LTN = "LaunchTemplateName";
var _LTS = "LaunchTemplateSpecification";
var _LTau = "LaunchTime";
var _La = "Latest";
var _Lic = "Licenses";
var _M = "Min";
var _MAIi = "MiddleboxAttachmentIds";
var _MAIid = "MiddleboxAttachmentId";
var _MAa = "MacAddress";
var _MB = "ManagedBy";
var _MCI = "MetricCategoryId";
var _MCIL = "MetricCategoryIdList";
var _MCIe = "MetricCategoryIds";
var _MCOIOL = "MapCustomerOwnedIpOnLaunch";
var _MCa = "MaxCount";
var _MCin = "MinCount";
var _MD = "MaxDuration";
var _MDi = "MinDuration";
var _MFAS = "MediumFixAvailableSince";
var _MGBPVC = "MemoryGiBPerVCpu";
var _MGBPVCR = "MemoryGiBPerVCpuRequest";
var _MIA = "ModifyImageAttribute";
var _MIAR = "ModifyImageAttributeRequest";
var _MIC = "MaxInstanceCount";
var _MMB = "MemoryMiB";
var _MMBR = "MemoryMiBRequest";
var _MO = "MetadataOptions";
var _MOa = "MaintenanceOptions";
var _MPIOL = "MapPublicIpOnLaunch";
var _MPax = "MaxPrice";
var _MR = "MaxResults";
var _MSA = "ModifySnapshotAttribute";
var _MSAR = "ModifySnapshotAttributeRequest";
var _MSPAPOOODP = "MaxSpotPriceAsPercentageOfOptimalOnDemandPrice";
var _MTGMPR = "ModifyTransitGatewayMeteringPolicyRequest";
var _MTMFRR = "ModifyTrafficMirrorFilterRuleRequest";
var _MTMSR = "ModifyTrafficMirrorSessionRequest";
var _MTa = "MarketType";
var _Ma = "Max";
var _Mana = "Managed";
var _Me = "Message";
var _Mo = "Mode";
var _Mon = "Monitoring";
var _N = "Name";
var _NBG = "NetworkBorderGroup";
var _NBGR = "NetworkBandwidthGbpsRequest";
var _NBGe = "NetworkBandwidthGbps";
var _NCI = "NetworkCardIndex";
var _ND = "NoDevice";
var _NG = "NatGateway";
var _NIC = "NetworkInterfaceCount";
var _NICR = "NetworkInterfaceCountRequest";
var _NII = "NetworkInterfaceId";
var _NIPIe = "NetworkInterfacePermissionId";
var _NIPIetw = "NetworkInterfacePermissionIds";
var _NIet = "NetworkInterfaces";
var _NPO = "NetworkPerformanceOptions";
var _NTe = "NextToken";
var _NV = "NestedVirtualization";
var _OA = "OutpostArn";
var _OASL = "OrganizationArnStringList";
var _OArg = "OrganizationArn";
var _OArga = "OrganizationArns";
var _OAw = "OwnerAlias";
var _OC = "OfferingClass";
var _ODMPPOLP = "OnDemandMaxPricePercentageOverLowestPrice";
var _OI = "OwnerId";
var _OIw = "OwnerIds";
var _ON = "OptionName";
var _ORpe = "OperatorRequest";
var _ORper = "OperatorResponse";
var _OSL = "OwnerStringList";
var _OTf = "OfferingType";
var _OTp = "OperationType";
var _OUA = "OrganizationalUnitArn";
var _OUASL = "OrganizationalUnitArnStringList";
var _OUAr = "OrganizationalUnitArns";
var _OV = "OptionValues";
var _OVp = "OptionValue";
var _Op = "Operator";
var _Ou = "Output";
var _Ow = "Owners";
var _Own = "Owner";
var _P = "Principal";
var _PCIr = "ProductCodeId";
var _PCLr = "ProductCodeList";
var _PCSL = "ProductCodeStringList";
var _PCT = "ProductCodeType";
var _PCr = "ProductCode";
var _PCro = "ProductCodes";
var _PDN = "PrivateDnsName";
var _PDNO = "PrivateDnsNameOptions";
var _PDNOOL = "PrivateDnsNameOptionsOnLaunch";
var _PDNOR = "PrivateDnsNameOptionsRequest";
var _PDNORr = "PrivateDnsNameOptionsResponse";
var _PDNub = "PublicDnsName";
var _PDl = "PlatformDetails";
var _PDr = "ProductDescription";
var _PDro = "ProductDescriptions";
var _PFRR = "PerformanceFactorReferenceRequest";
var _PFRSR = "PerformanceFactorReferenceSetRequest";
var _PGISL = "PlacementGroupIdStringList";
var _PI = "PublicIp";
var _PIAC = "PrivateIpAddressCount";
var _PIAS = "PrivateIpAddressSpecification";
var _PIASL = "PrivateIpAddressSpecificationList";
var _PIAr = "PrivateIpAddress";
var _PIAri = "PrivateIpAddresses";
var _PIAu = "PublicIpAddress";
var _PIr = "PrimaryIpv6";
var _PLI = "PrefixListId";
var _PLIL = "PrefixListIdList";
var _PLIr = "PrefixListIds";
var _PLa = "PacketLength";
var _PN = "PartitionNumber";
var _PSPN = "PublicSsmParameterName";
var _PSee = "PeeringStatus";
var _PSr = "PreviousState";
var _Pl = "Platform";
var _Pla = "Placement";
var _Pr = "Protocol";
var _Prim = "Primary";
var _Pro = "Progress";
var _Pu = "Public";
var _Q = "Quantity";
var _R = "Return";
var _RA = "RuleAction";
var _RBUI = "RestorableByUserIds";
var _RBe = "RestorableBy";
var _RC = "ReturnCode";
var _RDN = "RootDeviceName";
var _RDT = "RootDeviceType";
var _REIT = "RequireEncryptionInTransit";
var _RETe = "RestoreExpiryTime";
var _REes = "ResourceExclusions";
var _RF = "RemoveFields";
var _RFe = "RemoveField";
var _RGIe = "ReferencedGroupInfo";
var _RHS = "RequireHibernateSupport";
var _RI = "ReportId";
var _RIME = "RunInstancesMonitoringEnabled";
var _RIOI = "ReservedInstancesOfferingIds";
var _RIOIe = "ReservedInstancesOfferingId";
var _RIRe = "RegisterImageRequest";
var _RIReg = "RegisterImageResult";
var _RIRu = "RunInstancesRequest";
var _RIUD = "RunInstancesUserData";
var _RIa = "RamdiskId";
var _RIe = "ReservationId";
var _RIegi = "RegisterImage";
var _RIep = "ReportIds";
var _RIeq = "RequesterId";
var _RIeso = "ResourceId";
var _RIu = "RunInstances";
var _RLe = "ReservationList";
var _RMAI = "RemoveMiddleboxAttachmentIds";
var _RMAIe = "RemoveMiddleboxAttachmentId";
var _RMe = "RebootMigration";
var _RN = "RegionName";
var _RNe = "RegionNames";
var _RNu = "RuleNumber";
var _RSEI = "RouteServerEndpointId";
var _RSEIo = "RouteServerEndpointIds";
var _RSG = "ReferencedSecurityGroup";
var _RSI = "RouteServerId";
var _RSIo = "RouteServerIds";
var _RSPI = "RouteServerPeerId";
var _RSPIo = "RouteServerPeerIds";
var _RTO = "ResourceTypeOptions";
var _RTOL = "ResourceTypeOptionList";
var _RTOe = "ResourceTypeOption";
var _RTRL = "ResourceTypeRequestList";
var _RTRe = "ResourceTypeRequest";
var _RTe = "ResourceType";
var _RTes = "ResourceTypes";
var _Ref = "References";
var _Refe = "Reference";
var _Rem = "Remove";
var _Res = "Resources";
var _Rese = "Reservations";
var _Reser = "Reservation";
var _SAZ = "SingleAvailabilityZone";
var _SAub = "SubnetArn";
var _SCB = "SourceCidrBlock";
var _SCBS = "SubnetCidrBlockState";
var _SCCDM = "SnapshotCopyCompletionDurationMinutes";
var _SDC = "SourceDestCheck";
var _SDp = "SpreadDomain";
var _SGA = "SecurityGroupArn";
var _SGI = "SecurityGroupId";
var _SGISL = "SecurityGroupIdStringList";
var _SGIe = "SecurityGroupIds";
var _SGL = "SecurityGroupList";
var _SGR = "SecurityGroupRules";
var _SGRA = "SecurityGroupRuleArn";
var _SGRIe = "SecurityGroupRuleId";
var _SGRL = "SecurityGroupRuleList";
var _SGRe = "SecurityGroupRule";
var _SGSL = "SecurityGroupStringList";
var _SGe = "SecurityGroups";
var _SGec = "SecurityGroup";
var _SI = "SubnetIds";
var _SICBA = "SubnetIpv6CidrBlockAssociation";
var _SICBAS = "SubnetIpv6CidrBlockAssociationSet";
var _SICT = "SourceImageCreationTime";
var _SII = "SourceImageId";
var _SIIec = "SecondaryInterfaceId";
var _SIIo = "SourceInstanceId";
var _SIRI = "SpotInstanceRequestId";
var _SIRo = "SourceImageRegion";
var _SISL = "SnapshotIdStringList";
var _SISLu = "SubnetIdStringList";
var _SIT = "SupportedInstanceTypes";
var _SITS = "SupportedInstanceTypeSet";
var _SITp = "SpotInstanceType";
var _SIec = "SecondaryInterfaces";
var _SIeco = "SecondaryInterface";
var _SIn = "SnapshotId";
var _SIna = "SnapshotIds";
var _SIu = "SubnetId";
var _SLn = "SnapshotList";
var _SLu = "SubnetList";
var _SMO = "SpotMarketOptions";
var _SMPPOLP = "SpotMaxPricePercentageOverLowestPrice";
var _SMt = "StatusMessage";
var _SMta = "StateMessage";
var _SNI = "SecondaryNetworkId";
var _SNS = "SriovNetSupport";
var _SNes = "SessionNumber";
var _SO = "SpotOptions";
var _SOS = "SkipOsShutdown";
var _SPIAC = "SecondaryPrivateIpAddressCount";
var _SPRo = "SourcePortRange";
var _SRc = "ScanResults";
var _SRo = "SourceRegion";
var _SRt = "StateReason";
var _SSGN = "SourceSecurityGroupName";
var _SSGOI = "SourceSecurityGroupOwnerId";
var _SSIe = "SecondarySubnetId";
var _STR = "StateTransitionReason";
var _STs = "SseType";
var _STt = "StartTime";
var _STto = "StorageTier";
var _Sn = "Snapshots";
var _Sna = "Snapshot";
var _St = "State";
var _Sta = "Status";
var _Su = "Subnet";
var _Subn = "Subnets";
var _T = "Tags";
var _TCUT = "TargetCapacityUnitType";
var _TCar = "TargetCapacity";
var _TD = "TrafficDirection";
var _TET = "TcpEstablishedTimeout";
var _TGAIr = "TransitGatewayAttachmentIds";
var _TGI = "TransitGatewayId";
var _TGMPI = "TransitGatewayMeteringPolicyId";
var _TI = "TerminateInstances";
var _TIR = "TerminateInstancesRequest";
var _TIRe = "TerminateInstancesResult";
var _TIer = "TerminatingInstances";
var _TL = "TagList";
var _TLSGB = "TotalLocalStorageGB";
var _TLSGBR = "TotalLocalStorageGBRequest";
var _TMFI = "TrafficMirrorFilterId";
var _TMFRI = "TrafficMirrorFilterRuleId";
var _TMPRR = "TrafficMirrorPortRangeRequest";
var _TMSI = "TrafficMirrorSessionId";
var _TMTI = "TrafficMirrorTargetId";
var _TP = "ToPort";
var _TPC = "ThreadsPerCore";
var _TS = "TagSpecifications";
var _TSL = "TagSpecificationList";
var _TSa = "TagSpecification";
var _TSp = "TpmSupport";
var _TTr = "TransferType";
var _Ta = "Tag";
var _Te = "Tenancy";
var _Th = "Throughput";
var _Tim = "Timestamp";
var _Ty = "Type";
var _UD = "UefiData";
var _UDs = "UserData";
var _UG = "UserGroups";
var _UGSL = "UserGroupStringList";
var _UGs = "UserGroup";
var _UI = "UserId";
var _UIGP = "UserIdGroupPairs";
var _UIGPL = "UserIdGroupPairList";
var _UIGPs = "UserIdGroupPair";
var _UISL = "UserIdStringList";
var _UIT = "UnsupportedInstanceTypes";
var _UITS = "UnsupportedInstanceTypeSet";
var _UIs = "UserIds";
var _UO = "UsageOperation";
var _UOUT = "UsageOperationUpdateTime";
var _UST = "UdpStreamTimeout";
var _UTd = "UdpTimeout";
var _V = "Value";
var _VCBA = "VpcCidrBlockAssociation";
var _VCBAS = "VpcCidrBlockAssociationSet";
var _VCBS = "VpcCidrBlockState";
var _VCC = "VCpuCount";
var _VCCRR = "VCpuCountRangeRequest";
var _VEC = "VpcEncryptionControl";
var _VECE = "VpcEncryptionControlExclusion";
var _VECEp = "VpcEncryptionControlExclusions";
var _VECI = "VpcEncryptionControlId";
var _VI = "VpcId";
var _VICBA = "VpcIpv6CidrBlockAssociation";
var _VICBAS = "VpcIpv6CidrBlockAssociationSet";
var _VIR = "VolumeInitializationRate";
var _VISLp = "VpcIdStringList";
var _VIo = "VolumeId";
var _VIp = "VpcIds";
var _VL = "VpcLattice";
var _VLp = "VpcList";
var _VN = "VirtualName";
var _VNI = "VirtualNetworkId";
var _VOI = "VolumeOwnerId";
var _VP = "VpcPeering";
var _VPCI = "VpcPeeringConnectionId";
var _VPG = "VirtualPrivateGateway";
var _VSL = "ValueStringList";
var _VSo = "VolumeSize";
var _VT = "VolumeType";
var _VTS = "VirtualizationTypeSet";
var _VTi = "VirtualizationTypes";
var _VTir = "VirtualizationType";
var _VU = "ValidUntil";
var _Va = "Values";
var _Ver = "Version";
var _Vp = "Vpc";
var _Vpc = "Vpcs";
var _WCT = "WatermarkCreationTime";
var _WK = "WatermarkKey";
var _aGV = "apiGatewayV2";
var _aIAC = "availableIpAddressCount";
var _aIAOC = "assignIpv6AddressOnCreation";
var _aId = "additionalInfo";
var _aIs = "associationId";
var _aIt = "attachmentId";
var _aLI = "amiLaunchIndex";
var _aP = "autoPlacement";
var _aPIA = "associatePublicIpAddress";
var _aRs = "associatedResource";
var _aRut = "autoRecovery";
var _aSS = "amdSevSnp";
var _aTt = "attachTime";
var _aZ = "availabilityZone";
var _aZI = "availabilityZoneId";
var _af = "affinity";
var _ar = "arn";
var _arc = "architecture";
var _ass = "association";
var _at = "attachment";
var _bDM = "blockDeviceMapping";
var _bM = "bootMode";
var _bPAS = "blockPublicAccessStates";
var _bW = "bandwidthWeighting";
var _cB = "cidrBlock";
var _cBAS = "cidrBlockAssociationSet";
var _cBI = "capacityBlockId";
var _cBSi = "cidrBlockState";
var _cCo = "coreCount";
var _cDM = "completionDurationMinutes";
var _cDr = "creationDate";
var _cFAS = "criticalFixAvailableSince";
var _cI = "carrierIp";
var _cIBM = "currentInstanceBootMode";
var _cIi = "cidrIp";
var _cIid = "cidrIpv6";
var _cIidr = "cidrIpv4";
var _cO = "cpuOptions";
var _cOI = "customerOwnedIp";
var _cOIP = "customerOwnedIpv4Pool";
var _cRI = "capacityReservationId";
var _cRP = "capacityReservationPreference";
var _cRRGA = "capacityReservationResourceGroupArn";
var _cRSa = "capacityReservationSpecification";
var _cRT = "capacityReservationTarget";
var _cSu = "currentState";
var _cT = "clientToken";
var _cTC = "connectionTrackingConfiguration";
var _cTomp = "completionTime";
var _co = "code";
var _conf = "configured";
var _dAT = "disableApiTermination";
var _dEKI = "dataEncryptionKeyId";
var _dFA = "defaultForAz";
var _dI = "deviceIndex";
var _dN = "deviceName";
var _dNn = "dnsName";
var _dOI = "dhcpOptionsId";
var _dOT = "deleteOnTermination";
var _dPe = "deregistrationProtection";
var _dR = "dryRun";
var _dSRS = "deleteSnapshotResultSet";
var _dTe = "deprecationTime";
var _de = "description";
var _eCI = "ebsCardIndex";
var _eCn = "encryptionControl";
var _eDn = "enableDns64";
var _eFS = "elasticFileSystem";
var _eGAI = "elasticGpuAssociationId";
var _eGAS = "elasticGpuAssociationState";
var _eGASl = "elasticGpuAssociationSet";
var _eGAT = "elasticGpuAssociationTime";
var _eGI = "elasticGpuId";
var _eIAA = "elasticInferenceAcceleratorArn";
var _eIAAI = "elasticInferenceAcceleratorAssociationId";
var _eIAAS = "elasticInferenceAcceleratorAssociationState";
var _eIAASl = "elasticInferenceAcceleratorAssociationSet";
var _eIAAT = "elasticInferenceAcceleratorAssociationTime";
var _eLADI = "enableLniAtDeviceIndex";
var _eO = "ebsOptimized";
var _eOIG = "egressOnlyInternetGateway";
var _eOn = "enclaveOptions";
var _eQC = "enaQueueCount";
var _eRNDAAAAR = "enableResourceNameDnsAAAARecord";
var _eRNDAR = "enableResourceNameDnsARecord";
var _eSE = "enaSrdEnabled";
var _eSS = "enaSrdSpecification";
var _eSUE = "enaSrdUdpEnabled";
var _eSUS = "enaSrdUdpSpecification";
var _eSna = "enaSupport";
var _eTn = "endTime";
var _eb = "ebs";
var _en = "enabled";
var _enc = "encrypted";
var _fP = "fromPort";
var _fSD = "findingScanDate";
var _fSSIB = "fullSnapshotSizeInBytes";
var _fTE = "freeTierEligible";
var _g = "group";
var _gA = "globalAccelerator";
var _gD = "groupDescription";
var _gIr = "groupId";
var _gN = "groupName";
var _gOI = "groupOwnerId";
var _gSr = "groupSet";
var _gr = "groups";
var _h = "hypervisor";
var _hBD = "hiddenByDefault";
var _hE = "httpEndpoint";
var _hFAS = "highFixAvailableSince";
var _hFSL = "highestFindingSeverityLabel";
var _hI = "hostId";
var _hO = "hibernationOptions";
var _hPI = "httpProtocolIpv6";
var _hPRHL = "httpPutResponseHopLimit";
var _hRGA = "hostResourceGroupArn";
var _hT = "httpTokens";
var _hTo = "hostnameType";
var _i = "id";
var _iAA = "ipv6AddressAttribute";
var _iAC = "ipv6AddressCount";
var _iASp = "ipv6AddressesSet";
var _iAm = "imageAllowed";
var _iAp = "ipAddress";
var _iApv = "ipv6Address";
var _iBPAS = "imageBlockPublicAccessState";
var _iCB = "ipv6CidrBlock";
var _iCBASp = "ipv6CidrBlockAssociationSet";
var _iCBS = "ipv6CidrBlockState";
var _iDs = "isDefault";
var _iEs = "isEgress";
var _iFAS = "informationalFixAvailableSince";
var _iG = "internetGateway";
var _iGBM = "internetGatewayBlockMode";
var _iI = "instanceId";
var _iIP = "iamInstanceProfile";
var _iISB = "instanceInitiatedShutdownBehavior";
var _iIma = "imageId";
var _iL = "imageLocation";
var _iLn = "instanceLifecycle";
var _iMT = "instanceMetadataTags";
var _iN = "ipv6Native";
var _iOA = "imageOwnerAlias";
var _iOI = "imageOwnerId";
var _iOIp = "ipOwnerId";
var _iPEp = "ipPermissionsEgress";
var _iPIs = "isPrimaryIpv6";
var _iPSpvr = "ipv4PrefixSet";
var _iPSpvre = "ipv6PrefixSet";
var _iPp = "ipProtocol";
var _iPpe = "ipPermissions";
var _iPpv = "ipv4Prefix";
var _iPpvo = "ipv6Pool";
var _iPpvr = "ipv6Prefix";
var _iPs = "isPublic";
var _iRpa = "ipRanges";
var _iRpv = "ipv6Ranges";
var _iSma = "imagesSet";
var _iSmag = "imageState";
var _iSmd = "imdsSupport";
var _iSns = "instancesSet";
var _iSnst = "instanceState";
var _iSpo = "ipSource";
var _iT = "instanceType";
var _iTSn = "instanceTypeSpecification";
var _iTm = "imageType";
var _iTns = "instanceTenancy";
var _iTnt = "interfaceType";
var _iWS = "imageWatermarkSet";
var _io = "iops";
var _it = "item";
var _k = "key";
var _kI = "kernelId";
var _kKI = "kmsKeyId";
var _kN = "keyName";
var _l = "lambda";
var _lCA = "licenseConfigurationArn";
var _lFAS = "lowFixAvailableSince";
var _lLT = "lastLaunchedTime";
var _lSic = "licenseSet";
var _lTau = "launchTime";
var _mAa = "macAddress";
var _mB = "managedBy";
var _mCIS = "metricCategoryIdSet";
var _mCOIOL = "mapCustomerOwnedIpOnLaunch";
var _mFAS = "mediumFixAvailableSince";
var _mO = "metadataOptions";
var _mOa = "maintenanceOptions";
var _mPIOL = "mapPublicIpOnLaunch";
var _mR = "maxResults";
var _mana = "managed";
var _me = "message";
var _mo = "mode";
var _mon = "monitoring";
var _n = "name";
var _nBG = "networkBorderGroup";
var _nCI = "networkCardIndex";
var _nD = "noDevice";
var _nG = "natGateway";
var _nII = "networkInterfaceId";
var _nIS = "networkInterfaceSet";
var _nIe = "networkInterface";
var _nPO = "networkPerformanceOptions";
var _nTe = "nextToken";
var _nV = "nestedVirtualization";
var _oA = "outpostArn";
var _oArg = "organizationArn";
var _oAw = "ownerAlias";
var _oI = "ownerId";
var _oTf = "offeringType";
var _oUA = "organizationalUnitArn";
var _ope = "operator";
var _ou = "output";
var _p = "principal";
var _pC = "productCodes";
var _pCr = "productCode";
var _pDNO = "privateDnsNameOptions";
var _pDNOOL = "privateDnsNameOptionsOnLaunch";
var _pDNr = "privateDnsName";
var _pDNu = "publicDnsName";
var _pDl = "platformDetails";
var _pI = "publicIp";
var _pIAS = "privateIpAddressesSet";
var _pIASr = "privateIpAddressSet";
var _pIAr = "privateIpAddress";
var _pLI = "prefixListId";
var _pLIr = "prefixListIds";
var _pN = "partitionNumber";
var _pSPN = "publicSsmParameterName";
var _pSee = "peeringStatus";
var _pSr = "previousState";
var _pl = "platform";
var _pla = "placement";
var _prim = "primary";
var _pro = "progress";
var _q = "quantity";
var _r = "return";
var _rC = "returnCode";
var _rDN = "rootDeviceName";
var _rDT = "rootDeviceType";
var _rETe = "restoreExpiryTime";
var _rEes = "resourceExclusions";
var _rGIe = "referencedGroupInfo";
var _rI = "reservationId";
var _rIa = "ramdiskId";
var _rIeq = "requesterId";
var _rIes = "resourceId";
var _rMe = "rebootMigration";
var _rSes = "reservationSet";
var _rTe = "resourceType";
var _re = "reason";
var _s = "smithy.ts.sdk.synthetic.com.amazonaws.ec2";
var _sAub = "subnetArn";
var _sDC = "sourceDestCheck";
var _sDp = "spreadDomain";
var _sGA = "securityGroupArn";
var _sGIec = "securityGroupInfo";
var _sGRA = "securityGroupRuleArn";
var _sGRI = "securityGroupRuleId";
var _sGRS = "securityGroupRuleSet";
var _sICT = "sourceImageCreationTime";
var _sII = "sourceInstanceId";
var _sIIe = "secondaryInterfaceId";
var _sIIo = "sourceImageId";
var _sIR = "sourceImageRegion";
var _sIRI = "spotInstanceRequestId";
var _sISe = "secondaryInterfaceSet";
var _sITS = "supportedInstanceTypeSet";
var _sIn = "snapshotId";
var _sIu = "subnetId";
var _sMt = "statusMessage";
var _sMta = "stateMessage";
var _sNI = "secondaryNetworkId";
var _sNSr = "sriovNetSupport";
var _sPIAC = "secondaryPrivateIpAddressCount";
var _sRc = "scanResults";
var _sRt = "stateReason";
var _sSI = "secondarySubnetId";
var _sSn = "snapshotSet";
var _sSub = "subnetSet";
var _sTs = "sseType";
var _sTt = "startTime";
var _sTto = "storageTier";
var _st = "state";
var _sta = "status";
var _tET = "tcpEstablishedTimeout";
var _tP = "toPort";
var _tPC = "threadsPerCore";
var _tS = "tagSet";
var _tSp = "tpmSupport";
var _tTr = "transferType";
var _ta = "tag";
var _te = "tenancy";
var _th = "throughput";
var _ti = "timestamp";
var _ty = "type";
var _uI = "userId";
var _uITS = "unsupportedInstanceTypeSet";
var _uO = "usageOperation";
var _uOUT = "usageOperationUpdateTime";
var _uST = "udpStreamTimeout";
var _uTd = "udpTimeout";
var _v = "value";
var _vECI = "vpcEncryptionControlId";
var _vI = "vpcId";
var _vIo = "volumeId";
var _vL = "vpcLattice";
var _vN = "virtualName";
var _vOI = "volumeOwnerId";
var _vP = "vpcPeering";
var _vPCI = "vpcPeeringConnectionId";
var _vPG = "virtualPrivateGateway";
var _vSo = "volumeSize";
var _vSp = "vpcSet";
var _vT = "volumeType";
var _vTi = "virtualizationType";
var _wCT = "watermarkCreationTime";
var _wK = "watermarkKey";
var n0 = "com.amazonaws.ec2";
var _s_registry = new TypeRegistry(_s);
var EC2ServiceException$ = [-3, _s, "EC2ServiceException", 0, [], []];
_s_registry.registerError(EC2ServiceException$, EC2ServiceException);
var errorTypeRegistries = [
  _s_registry
];
var ImageUefiDataRequest = [0, n0, _IUDR, 8, 0];
var RunInstancesUserData = [0, n0, _RIUD, 8, 0];
var AcceleratorCountRequest$ = [
  3,
  n0,
  _ACR,
  0,
  [_M, _Ma],
  [1, 1]
];
var AcceleratorTotalMemoryMiBRequest$ = [
  3,
  n0,
  _ATMMBR,
  0,
  [_M, _Ma],
  [1, 1]
];
var AllocateHostsRequest$ = [
  3,
  n0,
  _AHR,
  0,
  [_IF, _TS, _HR, _OA, _HM, _AIss, _AZI, _CO, _APu, _CT, _IT, _Q, _AZ],
  [0, [() => TagSpecificationList, { "xmlName": _TSa }], 0, 0, 0, [64 | 0, { "xmlName": _AIsse }], 0, () => HostCpuOptionsRequest$, [0, {
    "ec2QueryName": `AutoPlacement`,
    "xmlName": _aP
  }], [0, {
    "ec2QueryName": `ClientToken`,
    "xmlName": _cT
  }], [0, {
    "ec2QueryName": `InstanceType`,
    "xmlName": _iT
  }], [1, {
    "ec2QueryName": `Quantity`,
    "xmlName": _q
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }]]
];
var AttributeValue$ = [
  3,
  n0,
  _AVt,
  0,
  [_V],
  [[0, {
    "ec2QueryName": `Value`,
    "xmlName": _v
  }]]
];
var AuthorizeSecurityGroupIngressRequest$ = [
  3,
  n0,
  _ASGIR,
  0,
  [_CIi, _FP, _GIr, _GN, _IPpe, _IPpr, _SSGN, _SSGOI, _TP, _TS, _DR],
  [0, 1, 0, 0, [() => IpPermissionList, 0], 0, 0, 0, 1, [() => TagSpecificationList, { "xmlName": _TSa }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]]
];
var AuthorizeSecurityGroupIngressResult$ = [
  3,
  n0,
  _ASGIRu,
  0,
  [_R, _SGR],
  [[2, {
    "ec2QueryName": `Return`,
    "xmlName": _r
  }], [() => SecurityGroupRuleList, {
    "ec2QueryName": `SecurityGroupRuleSet`,
    "xmlName": _sGRS
  }]]
];
var BaselineEbsBandwidthMbpsRequest$ = [
  3,
  n0,
  _BEBMR,
  0,
  [_M, _Ma],
  [1, 1]
];
var BaselinePerformanceFactorsRequest$ = [
  3,
  n0,
  _BPFR,
  0,
  [_Cp],
  [[() => CpuPerformanceFactorRequest$, 0]]
];
var BlockDeviceMapping$ = [
  3,
  n0,
  _BDM,
  0,
  [_Eb, _ND, _DN, _VN],
  [[() => EbsBlockDevice$, {
    "ec2QueryName": `Ebs`,
    "xmlName": _eb
  }], [0, {
    "ec2QueryName": `NoDevice`,
    "xmlName": _nD
  }], [0, {
    "ec2QueryName": `DeviceName`,
    "xmlName": _dN
  }], [0, {
    "ec2QueryName": `VirtualName`,
    "xmlName": _vN
  }]]
];
var BlockPublicAccessStates$ = [
  3,
  n0,
  _BPAS,
  0,
  [_IGBM],
  [[0, {
    "ec2QueryName": `InternetGatewayBlockMode`,
    "xmlName": _iGBM
  }]]
];
var CapacityReservationSpecification$ = [
  3,
  n0,
  _CRSa,
  0,
  [_CRP, _CRT],
  [0, () => CapacityReservationTarget$]
];
var CapacityReservationSpecificationResponse$ = [
  3,
  n0,
  _CRSR,
  0,
  [_CRP, _CRT],
  [[0, {
    "ec2QueryName": `CapacityReservationPreference`,
    "xmlName": _cRP
  }], [() => CapacityReservationTargetResponse$, {
    "ec2QueryName": `CapacityReservationTarget`,
    "xmlName": _cRT
  }]]
];
var CapacityReservationTarget$ = [
  3,
  n0,
  _CRT,
  0,
  [_CRI, _CRRGA],
  [0, 0]
];
var CapacityReservationTargetResponse$ = [
  3,
  n0,
  _CRTR,
  0,
  [_CRI, _CRRGA],
  [[0, {
    "ec2QueryName": `CapacityReservationId`,
    "xmlName": _cRI
  }], [0, {
    "ec2QueryName": `CapacityReservationResourceGroupArn`,
    "xmlName": _cRRGA
  }]]
];
var ConnectionTrackingSpecificationRequest$ = [
  3,
  n0,
  _CTSR,
  0,
  [_TET, _UST, _UTd],
  [1, 1, 1]
];
var ConnectionTrackingSpecificationResponse$ = [
  3,
  n0,
  _CTSRo,
  0,
  [_TET, _UST, _UTd],
  [[1, {
    "ec2QueryName": `TcpEstablishedTimeout`,
    "xmlName": _tET
  }], [1, {
    "ec2QueryName": `UdpStreamTimeout`,
    "xmlName": _uST
  }], [1, {
    "ec2QueryName": `UdpTimeout`,
    "xmlName": _uTd
  }]]
];
var CopyImageRequest$ = [
  3,
  n0,
  _CIR,
  0,
  [_N, _SII, _SRo, _CT, _De, _Enc, _KKI, _DOA, _CIT, _TS, _SCCDM, _DAZ, _DAZI, _DR],
  [0, 0, 0, [0, 4], 0, [2, {
    "ec2QueryName": `Encrypted`,
    "xmlName": _enc
  }], [0, {
    "ec2QueryName": `KmsKeyId`,
    "xmlName": _kKI
  }], 0, 2, [() => TagSpecificationList, { "xmlName": _TSa }], 1, 0, 0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  3
];
var CopyImageResult$ = [
  3,
  n0,
  _CIRo,
  0,
  [_IIm],
  [[0, {
    "ec2QueryName": `ImageId`,
    "xmlName": _iIma
  }]]
];
var CpuOptions$ = [
  3,
  n0,
  _CO,
  0,
  [_CCor, _TPC, _ASSm, _NV],
  [[1, {
    "ec2QueryName": `CoreCount`,
    "xmlName": _cCo
  }], [1, {
    "ec2QueryName": `ThreadsPerCore`,
    "xmlName": _tPC
  }], [0, {
    "ec2QueryName": `AmdSevSnp`,
    "xmlName": _aSS
  }], [0, {
    "ec2QueryName": `NestedVirtualization`,
    "xmlName": _nV
  }]]
];
var CpuOptionsRequest$ = [
  3,
  n0,
  _COR,
  0,
  [_CCor, _TPC, _ASSm, _NV],
  [1, 1, 0, 0]
];
var CpuPerformanceFactorRequest$ = [
  3,
  n0,
  _CPFR,
  0,
  [_Ref],
  [[() => PerformanceFactorReferenceSetRequest, { "xmlName": _Refe }]]
];
var CreateSecurityGroupRequest$ = [
  3,
  n0,
  _CSGR,
  0,
  [_De, _GN, _VI, _TS, _DR],
  [[0, { "xmlName": _GD }], 0, 0, [() => TagSpecificationList, { "xmlName": _TSa }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  2
];
var CreateSecurityGroupResult$ = [
  3,
  n0,
  _CSGRr,
  0,
  [_GIr, _T, _SGA],
  [[0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `SecurityGroupArn`,
    "xmlName": _sGA
  }]]
];
var CreateTagsRequest$ = [
  3,
  n0,
  _CTR,
  0,
  [_Res, _T, _DR],
  [[64 | 0, { "xmlName": _RIeso }], [() => TagList, { "xmlName": _Ta }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  2
];
var CreateTransitGatewayMeteringPolicyRequest$ = [
  3,
  n0,
  _CTGMPR,
  0,
  [_TGI, _MAIi, _TS, _DR],
  [0, [64 | 0, { "xmlName": _MAIid }], [() => TagSpecificationList, 0], 2],
  1
];
var CreateVolumePermission$ = [
  3,
  n0,
  _CVP,
  0,
  [_UI, _Gr],
  [[0, {
    "ec2QueryName": `UserId`,
    "xmlName": _uI
  }], [0, {
    "ec2QueryName": `Group`,
    "xmlName": _g
  }]]
];
var CreateVolumePermissionModifications$ = [
  3,
  n0,
  _CVPM,
  0,
  [_Ad, _Rem],
  [[() => CreateVolumePermissionList, 0], [() => CreateVolumePermissionList, 0]]
];
var CreditSpecificationRequest$ = [
  3,
  n0,
  _CSRred,
  0,
  [_CCp],
  [0],
  1
];
var DeleteFleetsRequest$ = [
  3,
  n0,
  _DFR,
  0,
  [_FIle, _TI, _DR],
  [[64 | 0, { "xmlName": _FIl }], 2, 2],
  2
];
var DeleteSecurityGroupRequest$ = [
  3,
  n0,
  _DSGR,
  0,
  [_GIr, _GN, _DR],
  [0, 0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]]
];
var DeleteSecurityGroupResult$ = [
  3,
  n0,
  _DSGRe,
  0,
  [_R, _GIr],
  [[2, {
    "ec2QueryName": `Return`,
    "xmlName": _r
  }], [0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }]]
];
var DeleteSnapshotRequest$ = [
  3,
  n0,
  _DSR,
  0,
  [_SIn, _DR],
  [0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  1
];
var DeleteSnapshotReturnCode$ = [
  3,
  n0,
  _DSRC,
  0,
  [_SIn, _RC],
  [[0, {
    "ec2QueryName": `SnapshotId`,
    "xmlName": _sIn
  }], [0, {
    "ec2QueryName": `ReturnCode`,
    "xmlName": _rC
  }]]
];
var DeleteTagsRequest$ = [
  3,
  n0,
  _DTR,
  0,
  [_Res, _DR, _T],
  [[64 | 0, {
    "ec2QueryName": `ResourceId`,
    "xmlName": _rIes
  }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => TagList, {
    "ec2QueryName": `Tag`,
    "xmlName": _ta
  }]],
  1
];
var DeregisterImageRequest$ = [
  3,
  n0,
  _DIRer,
  0,
  [_IIm, _DAS, _DR],
  [0, 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  1
];
var DeregisterImageResult$ = [
  3,
  n0,
  _DIRere,
  0,
  [_R, _DSRel],
  [[2, {
    "ec2QueryName": `Return`,
    "xmlName": _r
  }], [() => DeleteSnapshotResultSet, {
    "ec2QueryName": `DeleteSnapshotResultSet`,
    "xmlName": _dSRS
  }]]
];
var DescribeCarrierGatewaysRequest$ = [
  3,
  n0,
  _DCGRes,
  0,
  [_CGIa, _Fi, _MR, _NTe, _DR],
  [[64 | 0, { "xmlName": _CGI }], [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeFleetsRequest$ = [
  3,
  n0,
  _DFRes,
  0,
  [_DR, _MR, _NTe, _FIle, _Fi],
  [2, 1, 0, [64 | 0, { "xmlName": _FIl }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeImageReferencesRequest$ = [
  3,
  n0,
  _DIRR,
  0,
  [_IIma, _IART, _RTes, _NTe, _DR, _MR],
  [[64 | 0, { "xmlName": _IIm }], 2, [() => ResourceTypeRequestList, { "xmlName": _RTe }], 0, 2, 1],
  1
];
var DescribeImagesRequest$ = [
  3,
  n0,
  _DIRes,
  0,
  [_EU, _IIma, _Ow, _ID, _IDn, _MR, _NTe, _DR, _Fi],
  [[() => ExecutableByStringList, { "xmlName": _EBx }], [() => ImageIdStringList, { "xmlName": _IIm }], [() => OwnerStringList, { "xmlName": _Own }], 2, 2, 1, 0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeImagesResult$ = [
  3,
  n0,
  _DIResc,
  0,
  [_NTe, _Im],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => ImageList, {
    "ec2QueryName": `ImagesSet`,
    "xmlName": _iSma
  }]]
];
var DescribeImageUsageReportEntriesRequest$ = [
  3,
  n0,
  _DIURER,
  0,
  [_IIma, _RIep, _NTe, _Fi, _DR, _MR],
  [[64 | 0, { "xmlName": _IIm }], [64 | 0, { "xmlName": _RI }], 0, [() => FilterList, { "xmlName": _Fil }], 2, 1]
];
var DescribeImageUsageReportsRequest$ = [
  3,
  n0,
  _DIURRes,
  0,
  [_IIma, _RIep, _NTe, _Fi, _DR, _MR],
  [[64 | 0, { "xmlName": _IIm }], [64 | 0, { "xmlName": _RI }], 0, [() => FilterList, { "xmlName": _Fil }], 2, 1]
];
var DescribeInstancesRequest$ = [
  3,
  n0,
  _DIRescr,
  0,
  [_IIn, _IMR, _DR, _Fi, _NTe, _MR],
  [[() => InstanceIdStringList, { "xmlName": _II }], 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [1, {
    "ec2QueryName": `MaxResults`,
    "xmlName": _mR
  }]]
];
var DescribeInstancesResult$ = [
  3,
  n0,
  _DIRescri,
  0,
  [_NTe, _Rese],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => ReservationList, {
    "ec2QueryName": `ReservationSet`,
    "xmlName": _rSes
  }]]
];
var DescribeInstanceTopologyRequest$ = [
  3,
  n0,
  _DITR,
  0,
  [_DR, _NTe, _MR, _IIn, _GNr, _Fi],
  [2, 0, 1, [64 | 0, { "xmlName": _II }], [64 | 0, { "xmlName": _GN }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeInstanceTypesRequest$ = [
  3,
  n0,
  _DITRes,
  0,
  [_DR, _ITnst, _Fi, _MR, _NTe, _IUIR],
  [2, [64 | 0, { "xmlName": _IT }], [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeNetworkInterfacePermissionsRequest$ = [
  3,
  n0,
  _DNIPRescr,
  0,
  [_NIPIetw, _Fi, _NTe, _MR],
  [[64 | 0, { "xmlName": _NIPIe }], [() => FilterList, { "xmlName": _Fil }], 0, 1]
];
var DescribePlacementGroupsRequest$ = [
  3,
  n0,
  _DPGRe,
  0,
  [_GIro, _DR, _GNr, _Fi],
  [[() => PlacementGroupIdStringList, { "xmlName": _GIr }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [64 | 0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeReservedInstancesOfferingsRequest$ = [
  3,
  n0,
  _DRIOR,
  0,
  [_AZ, _IM, _IT, _MD, _MIC, _MDi, _OC, _PDr, _RIOI, _AZI, _DR, _Fi, _ITns, _OTf, _NTe, _MR],
  [0, 2, 0, 1, 1, 1, 0, 0, [64 | 0, { "xmlName": _RIOIe }], 0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }], [0, {
    "ec2QueryName": `InstanceTenancy`,
    "xmlName": _iTns
  }], [0, {
    "ec2QueryName": `OfferingType`,
    "xmlName": _oTf
  }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [1, {
    "ec2QueryName": `MaxResults`,
    "xmlName": _mR
  }]]
];
var DescribeRouteServerEndpointsRequest$ = [
  3,
  n0,
  _DRSERes,
  0,
  [_RSEIo, _NTe, _MR, _Fi, _DR],
  [[64 | 0, { "xmlName": _RSEI }], 0, 1, [() => FilterList, { "xmlName": _Fil }], 2]
];
var DescribeRouteServerPeersRequest$ = [
  3,
  n0,
  _DRSPRes,
  0,
  [_RSPIo, _NTe, _MR, _Fi, _DR],
  [[64 | 0, { "xmlName": _RSPI }], 0, 1, [() => FilterList, { "xmlName": _Fil }], 2]
];
var DescribeRouteServersRequest$ = [
  3,
  n0,
  _DRSRes,
  0,
  [_RSIo, _NTe, _MR, _Fi, _DR],
  [[64 | 0, { "xmlName": _RSI }], 0, 1, [() => FilterList, { "xmlName": _Fil }], 2]
];
var DescribeSecurityGroupsRequest$ = [
  3,
  n0,
  _DSGRes,
  0,
  [_GIro, _GNr, _NTe, _MR, _DR, _Fi],
  [[() => GroupIdStringList, { "xmlName": _GIr }], [() => GroupNameStringList, { "xmlName": _GN }], 0, 1, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeSecurityGroupsResult$ = [
  3,
  n0,
  _DSGResc,
  0,
  [_NTe, _SGe],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => SecurityGroupList, {
    "ec2QueryName": `SecurityGroupInfo`,
    "xmlName": _sGIec
  }]]
];
var DescribeSnapshotsRequest$ = [
  3,
  n0,
  _DSRes,
  0,
  [_MR, _NTe, _OIw, _RBUI, _SIna, _DR, _Fi],
  [1, 0, [() => OwnerStringList, { "xmlName": _Own }], [64 | 0, { "xmlName": _RBe }], [() => SnapshotIdStringList, { "xmlName": _SIn }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeSnapshotsResult$ = [
  3,
  n0,
  _DSResc,
  0,
  [_NTe, _Sn],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => SnapshotList, {
    "ec2QueryName": `SnapshotSet`,
    "xmlName": _sSn
  }]]
];
var DescribeSpotPriceHistoryRequest$ = [
  3,
  n0,
  _DSPHR,
  0,
  [_AZI, _DR, _STt, _ETnd, _ITnst, _PDro, _Fi, _AZ, _MR, _NTe],
  [0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [4, {
    "ec2QueryName": `StartTime`,
    "xmlName": _sTt
  }], [4, {
    "ec2QueryName": `EndTime`,
    "xmlName": _eTn
  }], [64 | 0, { "xmlName": _IT }], [64 | 0, { "xmlName": _PDr }], [() => FilterList, { "xmlName": _Fil }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }], [1, {
    "ec2QueryName": `MaxResults`,
    "xmlName": _mR
  }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }]]
];
var DescribeSubnetsRequest$ = [
  3,
  n0,
  _DSRescr,
  0,
  [_Fi, _SI, _NTe, _MR, _DR],
  [[() => FilterList, { "xmlName": _Fil }], [() => SubnetIdStringList, { "xmlName": _SIu }], 0, 1, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]]
];
var DescribeSubnetsResult$ = [
  3,
  n0,
  _DSRescri,
  0,
  [_NTe, _Subn],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => SubnetList, {
    "ec2QueryName": `SubnetSet`,
    "xmlName": _sSub
  }]]
];
var DescribeTransitGatewayAttachmentsRequest$ = [
  3,
  n0,
  _DTGAR,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeTransitGatewayConnectsRequest$ = [
  3,
  n0,
  _DTGCRes,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeTransitGatewayPeeringAttachmentsRequest$ = [
  3,
  n0,
  _DTGPARes,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeTransitGatewayVpcAttachmentsRequest$ = [
  3,
  n0,
  _DTGVARes,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeVpcsRequest$ = [
  3,
  n0,
  _DVRescr,
  0,
  [_Fi, _VIp, _NTe, _MR, _DR],
  [[() => FilterList, { "xmlName": _Fil }], [() => VpcIdStringList, { "xmlName": _VI }], 0, 1, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]]
];
var DescribeVpcsResult$ = [
  3,
  n0,
  _DVRescri,
  0,
  [_NTe, _Vpc],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => VpcList, {
    "ec2QueryName": `VpcSet`,
    "xmlName": _vSp
  }]]
];
var EbsBlockDevice$ = [
  3,
  n0,
  _EBD,
  0,
  [_DOT, _Io, _SIn, _VSo, _VT, _KKI, _Th, _OA, _AZ, _Enc, _VIR, _AZI, _ECI],
  [[2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [1, {
    "ec2QueryName": `Iops`,
    "xmlName": _io
  }], [0, {
    "ec2QueryName": `SnapshotId`,
    "xmlName": _sIn
  }], [1, {
    "ec2QueryName": `VolumeSize`,
    "xmlName": _vSo
  }], [0, {
    "ec2QueryName": `VolumeType`,
    "xmlName": _vT
  }], [0, {
    "ec2QueryName": `KmsKeyId`,
    "xmlName": _kKI
  }], [1, {
    "ec2QueryName": `Throughput`,
    "xmlName": _th
  }], [0, {
    "ec2QueryName": `OutpostArn`,
    "xmlName": _oA
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }], [2, {
    "ec2QueryName": `Encrypted`,
    "xmlName": _enc
  }], 1, 0, 1]
];
var EbsInstanceBlockDevice$ = [
  3,
  n0,
  _EIBD,
  0,
  [_ATtt, _DOT, _Sta, _VIo, _ARss, _VOI, _Op, _ECI],
  [[4, {
    "ec2QueryName": `AttachTime`,
    "xmlName": _aTt
  }], [2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [0, {
    "ec2QueryName": `VolumeId`,
    "xmlName": _vIo
  }], [0, {
    "ec2QueryName": `AssociatedResource`,
    "xmlName": _aRs
  }], [0, {
    "ec2QueryName": `VolumeOwnerId`,
    "xmlName": _vOI
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }], [1, {
    "ec2QueryName": `EbsCardIndex`,
    "xmlName": _eCI
  }]]
];
var ElasticGpuAssociation$ = [
  3,
  n0,
  _EGA,
  0,
  [_EGIl, _EGAI, _EGAS, _EGAT],
  [[0, {
    "ec2QueryName": `ElasticGpuId`,
    "xmlName": _eGI
  }], [0, {
    "ec2QueryName": `ElasticGpuAssociationId`,
    "xmlName": _eGAI
  }], [0, {
    "ec2QueryName": `ElasticGpuAssociationState`,
    "xmlName": _eGAS
  }], [0, {
    "ec2QueryName": `ElasticGpuAssociationTime`,
    "xmlName": _eGAT
  }]]
];
var ElasticGpuSpecification$ = [
  3,
  n0,
  _EGSla,
  0,
  [_Ty],
  [0],
  1
];
var ElasticInferenceAccelerator$ = [
  3,
  n0,
  _EIA,
  0,
  [_Ty, _Cou],
  [0, 1],
  1
];
var ElasticInferenceAcceleratorAssociation$ = [
  3,
  n0,
  _EIAA,
  0,
  [_EIAAl, _EIAAI, _EIAAS, _EIAAT],
  [[0, {
    "ec2QueryName": `ElasticInferenceAcceleratorArn`,
    "xmlName": _eIAA
  }], [0, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationId`,
    "xmlName": _eIAAI
  }], [0, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationState`,
    "xmlName": _eIAAS
  }], [4, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationTime`,
    "xmlName": _eIAAT
  }]]
];
var EnableImageDeprecationRequest$ = [
  3,
  n0,
  _EIDR,
  0,
  [_IIm, _DAep, _DR],
  [0, 4, 2],
  2
];
var EnableImageDeprecationResult$ = [
  3,
  n0,
  _EIDRn,
  0,
  [_R],
  [[2, {
    "ec2QueryName": `Return`,
    "xmlName": _r
  }]]
];
var EnaSrdSpecificationRequest$ = [
  3,
  n0,
  _ESSR,
  0,
  [_ESE, _ESUS],
  [2, () => EnaSrdUdpSpecificationRequest$]
];
var EnaSrdUdpSpecificationRequest$ = [
  3,
  n0,
  _ESUSR,
  0,
  [_ESUE],
  [2]
];
var EnclaveOptions$ = [
  3,
  n0,
  _EOn,
  0,
  [_En],
  [[2, {
    "ec2QueryName": `Enabled`,
    "xmlName": _en
  }]]
];
var EnclaveOptionsRequest$ = [
  3,
  n0,
  _EOR,
  0,
  [_En],
  [2]
];
var Filter$ = [
  3,
  n0,
  _Fil,
  0,
  [_N, _Va],
  [0, [() => ValueStringList, { "xmlName": _V }]]
];
var GetConsoleOutputRequest$ = [
  3,
  n0,
  _GCOR,
  0,
  [_II, _La, _DR],
  [0, 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  1
];
var GetConsoleOutputResult$ = [
  3,
  n0,
  _GCORe,
  0,
  [_II, _Tim, _Ou],
  [[0, {
    "ec2QueryName": `InstanceId`,
    "xmlName": _iI
  }], [4, {
    "ec2QueryName": `Timestamp`,
    "xmlName": _ti
  }], [0, {
    "ec2QueryName": `Output`,
    "xmlName": _ou
  }]]
];
var GetImageBlockPublicAccessStateRequest$ = [
  3,
  n0,
  _GIBPASR,
  0,
  [_DR],
  [2]
];
var GetImageBlockPublicAccessStateResult$ = [
  3,
  n0,
  _GIBPASRe,
  0,
  [_IBPAS, _MB],
  [[0, {
    "ec2QueryName": `ImageBlockPublicAccessState`,
    "xmlName": _iBPAS
  }], [0, {
    "ec2QueryName": `ManagedBy`,
    "xmlName": _mB
  }]]
];
var GetSpotPlacementScoresRequest$ = [
  3,
  n0,
  _GSPSR,
  0,
  [_TCar, _ITnst, _TCUT, _SAZ, _RNe, _IRWM, _DR, _MR, _NTe, _ILZ],
  [1, [64 | 0, { "xmlName": _IT }], 0, 2, [64 | 0, { "xmlName": _RN }], [() => InstanceRequirementsWithMetadataRequest$, 0], 2, 1, 0, 2],
  1
];
var GroupIdentifier$ = [
  3,
  n0,
  _GIrou,
  0,
  [_GIr, _GN],
  [[0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }]]
];
var HibernationOptions$ = [
  3,
  n0,
  _HO,
  0,
  [_Conf],
  [[2, {
    "ec2QueryName": `Configured`,
    "xmlName": _conf
  }]]
];
var HibernationOptionsRequest$ = [
  3,
  n0,
  _HOR,
  0,
  [_Conf],
  [2]
];
var HostCpuOptionsRequest$ = [
  3,
  n0,
  _HCOR,
  0,
  [_ASSm],
  [0]
];
var IamInstanceProfile$ = [
  3,
  n0,
  _IIP,
  0,
  [_Ar, _I],
  [[0, {
    "ec2QueryName": `Arn`,
    "xmlName": _ar
  }], [0, {
    "ec2QueryName": `Id`,
    "xmlName": _i
  }]]
];
var IamInstanceProfileSpecification$ = [
  3,
  n0,
  _IIPS,
  0,
  [_Ar, _N],
  [[0, {
    "ec2QueryName": `Arn`,
    "xmlName": _ar
  }], [0, {
    "ec2QueryName": `Name`,
    "xmlName": _n
  }]]
];
var Image$ = [
  3,
  n0,
  _Ima,
  0,
  [_PDl, _UO, _BDMl, _De, _ESna, _Hy, _IOA, _N, _RDN, _RDT, _SNS, _SRt, _T, _VTir, _BM, _TSp, _DTe, _ISmd, _SIIo, _DPer, _LLT, _IAm, _SII, _SIRo, _FTE, _PSPN, _IW, _SRc, _ITSn, _IIm, _IL, _St, _OI, _CDr, _Pu, _PCro, _Arc, _ITm, _KI, _RIa, _Pl],
  [[0, {
    "ec2QueryName": `PlatformDetails`,
    "xmlName": _pDl
  }], [0, {
    "ec2QueryName": `UsageOperation`,
    "xmlName": _uO
  }], [() => BlockDeviceMappingList, {
    "ec2QueryName": `BlockDeviceMapping`,
    "xmlName": _bDM
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [2, {
    "ec2QueryName": `EnaSupport`,
    "xmlName": _eSna
  }], [0, {
    "ec2QueryName": `Hypervisor`,
    "xmlName": _h
  }], [0, {
    "ec2QueryName": `ImageOwnerAlias`,
    "xmlName": _iOA
  }], [0, {
    "ec2QueryName": `Name`,
    "xmlName": _n
  }], [0, {
    "ec2QueryName": `RootDeviceName`,
    "xmlName": _rDN
  }], [0, {
    "ec2QueryName": `RootDeviceType`,
    "xmlName": _rDT
  }], [0, {
    "ec2QueryName": `SriovNetSupport`,
    "xmlName": _sNSr
  }], [() => StateReason$, {
    "ec2QueryName": `StateReason`,
    "xmlName": _sRt
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `VirtualizationType`,
    "xmlName": _vTi
  }], [0, {
    "ec2QueryName": `BootMode`,
    "xmlName": _bM
  }], [0, {
    "ec2QueryName": `TpmSupport`,
    "xmlName": _tSp
  }], [0, {
    "ec2QueryName": `DeprecationTime`,
    "xmlName": _dTe
  }], [0, {
    "ec2QueryName": `ImdsSupport`,
    "xmlName": _iSmd
  }], [0, {
    "ec2QueryName": `SourceInstanceId`,
    "xmlName": _sII
  }], [0, {
    "ec2QueryName": `DeregistrationProtection`,
    "xmlName": _dPe
  }], [0, {
    "ec2QueryName": `LastLaunchedTime`,
    "xmlName": _lLT
  }], [2, {
    "ec2QueryName": `ImageAllowed`,
    "xmlName": _iAm
  }], [0, {
    "ec2QueryName": `SourceImageId`,
    "xmlName": _sIIo
  }], [0, {
    "ec2QueryName": `SourceImageRegion`,
    "xmlName": _sIR
  }], [2, {
    "ec2QueryName": `FreeTierEligible`,
    "xmlName": _fTE
  }], [0, {
    "ec2QueryName": `PublicSsmParameterName`,
    "xmlName": _pSPN
  }], [() => ImageWatermarkList, {
    "ec2QueryName": `ImageWatermarkSet`,
    "xmlName": _iWS
  }], [() => ScanResults$, {
    "ec2QueryName": `ScanResults`,
    "xmlName": _sRc
  }], [() => InstanceTypeSpecification$, {
    "ec2QueryName": `InstanceTypeSpecification`,
    "xmlName": _iTSn
  }], [0, {
    "ec2QueryName": `ImageId`,
    "xmlName": _iIma
  }], [0, {
    "ec2QueryName": `ImageLocation`,
    "xmlName": _iL
  }], [0, {
    "ec2QueryName": `ImageState`,
    "xmlName": _iSmag
  }], [0, {
    "ec2QueryName": `ImageOwnerId`,
    "xmlName": _iOI
  }], [0, {
    "ec2QueryName": `CreationDate`,
    "xmlName": _cDr
  }], [2, {
    "ec2QueryName": `IsPublic`,
    "xmlName": _iPs
  }], [() => ProductCodeList, {
    "ec2QueryName": `ProductCodes`,
    "xmlName": _pC
  }], [0, {
    "ec2QueryName": `Architecture`,
    "xmlName": _arc
  }], [0, {
    "ec2QueryName": `ImageType`,
    "xmlName": _iTm
  }], [0, {
    "ec2QueryName": `KernelId`,
    "xmlName": _kI
  }], [0, {
    "ec2QueryName": `RamdiskId`,
    "xmlName": _rIa
  }], [0, {
    "ec2QueryName": `Platform`,
    "xmlName": _pl
  }]]
];
var ImageWatermark$ = [
  3,
  n0,
  _IWm,
  0,
  [_WK, _SIRo, _SII, _SICT, _WCT],
  [[0, {
    "ec2QueryName": `WatermarkKey`,
    "xmlName": _wK
  }], [0, {
    "ec2QueryName": `SourceImageRegion`,
    "xmlName": _sIR
  }], [0, {
    "ec2QueryName": `SourceImageId`,
    "xmlName": _sIIo
  }], [4, {
    "ec2QueryName": `SourceImageCreationTime`,
    "xmlName": _sICT
  }], [4, {
    "ec2QueryName": `WatermarkCreationTime`,
    "xmlName": _wCT
  }]]
];
var Instance$ = [
  3,
  n0,
  _In,
  0,
  [_Arc, _BDMl, _CT, _EO, _ESna, _Hy, _IIP, _ILn, _EGAl, _EIAAla, _NIet, _OA, _RDN, _RDT, _SGe, _SDC, _SIRI, _SNS, _SRt, _T, _VTir, _CO, _CBI, _CRI, _CRSa, _HO, _Lic, _MO, _EOn, _BM, _PDl, _UO, _UOUT, _PDNO, _IApv, _TSp, _MOa, _CIBM, _NPO, _Op, _SIec, _II, _IIm, _St, _PDN, _PDNub, _STR, _KN, _ALI, _PCro, _IT, _LTau, _Pla, _KI, _RIa, _Pl, _Mon, _SIu, _VI, _PIAr, _PIAu],
  [[0, {
    "ec2QueryName": `Architecture`,
    "xmlName": _arc
  }], [() => InstanceBlockDeviceMappingList, {
    "ec2QueryName": `BlockDeviceMapping`,
    "xmlName": _bDM
  }], [0, {
    "ec2QueryName": `ClientToken`,
    "xmlName": _cT
  }], [2, {
    "ec2QueryName": `EbsOptimized`,
    "xmlName": _eO
  }], [2, {
    "ec2QueryName": `EnaSupport`,
    "xmlName": _eSna
  }], [0, {
    "ec2QueryName": `Hypervisor`,
    "xmlName": _h
  }], [() => IamInstanceProfile$, {
    "ec2QueryName": `IamInstanceProfile`,
    "xmlName": _iIP
  }], [0, {
    "ec2QueryName": `InstanceLifecycle`,
    "xmlName": _iLn
  }], [() => ElasticGpuAssociationList, {
    "ec2QueryName": `ElasticGpuAssociationSet`,
    "xmlName": _eGASl
  }], [() => ElasticInferenceAcceleratorAssociationList, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationSet`,
    "xmlName": _eIAASl
  }], [() => InstanceNetworkInterfaceList, {
    "ec2QueryName": `NetworkInterfaceSet`,
    "xmlName": _nIS
  }], [0, {
    "ec2QueryName": `OutpostArn`,
    "xmlName": _oA
  }], [0, {
    "ec2QueryName": `RootDeviceName`,
    "xmlName": _rDN
  }], [0, {
    "ec2QueryName": `RootDeviceType`,
    "xmlName": _rDT
  }], [() => GroupIdentifierList, {
    "ec2QueryName": `GroupSet`,
    "xmlName": _gSr
  }], [2, {
    "ec2QueryName": `SourceDestCheck`,
    "xmlName": _sDC
  }], [0, {
    "ec2QueryName": `SpotInstanceRequestId`,
    "xmlName": _sIRI
  }], [0, {
    "ec2QueryName": `SriovNetSupport`,
    "xmlName": _sNSr
  }], [() => StateReason$, {
    "ec2QueryName": `StateReason`,
    "xmlName": _sRt
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `VirtualizationType`,
    "xmlName": _vTi
  }], [() => CpuOptions$, {
    "ec2QueryName": `CpuOptions`,
    "xmlName": _cO
  }], [0, {
    "ec2QueryName": `CapacityBlockId`,
    "xmlName": _cBI
  }], [0, {
    "ec2QueryName": `CapacityReservationId`,
    "xmlName": _cRI
  }], [() => CapacityReservationSpecificationResponse$, {
    "ec2QueryName": `CapacityReservationSpecification`,
    "xmlName": _cRSa
  }], [() => HibernationOptions$, {
    "ec2QueryName": `HibernationOptions`,
    "xmlName": _hO
  }], [() => LicenseList, {
    "ec2QueryName": `LicenseSet`,
    "xmlName": _lSic
  }], [() => InstanceMetadataOptionsResponse$, {
    "ec2QueryName": `MetadataOptions`,
    "xmlName": _mO
  }], [() => EnclaveOptions$, {
    "ec2QueryName": `EnclaveOptions`,
    "xmlName": _eOn
  }], [0, {
    "ec2QueryName": `BootMode`,
    "xmlName": _bM
  }], [0, {
    "ec2QueryName": `PlatformDetails`,
    "xmlName": _pDl
  }], [0, {
    "ec2QueryName": `UsageOperation`,
    "xmlName": _uO
  }], [4, {
    "ec2QueryName": `UsageOperationUpdateTime`,
    "xmlName": _uOUT
  }], [() => PrivateDnsNameOptionsResponse$, {
    "ec2QueryName": `PrivateDnsNameOptions`,
    "xmlName": _pDNO
  }], [0, {
    "ec2QueryName": `Ipv6Address`,
    "xmlName": _iApv
  }], [0, {
    "ec2QueryName": `TpmSupport`,
    "xmlName": _tSp
  }], [() => InstanceMaintenanceOptions$, {
    "ec2QueryName": `MaintenanceOptions`,
    "xmlName": _mOa
  }], [0, {
    "ec2QueryName": `CurrentInstanceBootMode`,
    "xmlName": _cIBM
  }], [() => InstanceNetworkPerformanceOptions$, {
    "ec2QueryName": `NetworkPerformanceOptions`,
    "xmlName": _nPO
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }], [() => InstanceSecondaryInterfaceList, {
    "ec2QueryName": `SecondaryInterfaceSet`,
    "xmlName": _sISe
  }], [0, {
    "ec2QueryName": `InstanceId`,
    "xmlName": _iI
  }], [0, {
    "ec2QueryName": `ImageId`,
    "xmlName": _iIma
  }], [() => InstanceState$, {
    "ec2QueryName": `InstanceState`,
    "xmlName": _iSnst
  }], [0, {
    "ec2QueryName": `PrivateDnsName`,
    "xmlName": _pDNr
  }], [0, {
    "ec2QueryName": `DnsName`,
    "xmlName": _dNn
  }], [0, {
    "ec2QueryName": `Reason`,
    "xmlName": _re
  }], [0, {
    "ec2QueryName": `KeyName`,
    "xmlName": _kN
  }], [1, {
    "ec2QueryName": `AmiLaunchIndex`,
    "xmlName": _aLI
  }], [() => ProductCodeList, {
    "ec2QueryName": `ProductCodes`,
    "xmlName": _pC
  }], [0, {
    "ec2QueryName": `InstanceType`,
    "xmlName": _iT
  }], [4, {
    "ec2QueryName": `LaunchTime`,
    "xmlName": _lTau
  }], [() => Placement$, {
    "ec2QueryName": `Placement`,
    "xmlName": _pla
  }], [0, {
    "ec2QueryName": `KernelId`,
    "xmlName": _kI
  }], [0, {
    "ec2QueryName": `RamdiskId`,
    "xmlName": _rIa
  }], [0, {
    "ec2QueryName": `Platform`,
    "xmlName": _pl
  }], [() => Monitoring$, {
    "ec2QueryName": `Monitoring`,
    "xmlName": _mon
  }], [0, {
    "ec2QueryName": `SubnetId`,
    "xmlName": _sIu
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }], [0, {
    "ec2QueryName": `IpAddress`,
    "xmlName": _iAp
  }]]
];
var InstanceAttachmentEnaSrdSpecification$ = [
  3,
  n0,
  _IAESS,
  0,
  [_ESE, _ESUS],
  [[2, {
    "ec2QueryName": `EnaSrdEnabled`,
    "xmlName": _eSE
  }], [() => InstanceAttachmentEnaSrdUdpSpecification$, {
    "ec2QueryName": `EnaSrdUdpSpecification`,
    "xmlName": _eSUS
  }]]
];
var InstanceAttachmentEnaSrdUdpSpecification$ = [
  3,
  n0,
  _IAESUS,
  0,
  [_ESUE],
  [[2, {
    "ec2QueryName": `EnaSrdUdpEnabled`,
    "xmlName": _eSUE
  }]]
];
var InstanceBlockDeviceMapping$ = [
  3,
  n0,
  _IBDM,
  0,
  [_DN, _Eb],
  [[0, {
    "ec2QueryName": `DeviceName`,
    "xmlName": _dN
  }], [() => EbsInstanceBlockDevice$, {
    "ec2QueryName": `Ebs`,
    "xmlName": _eb
  }]]
];
var InstanceIpv4Prefix$ = [
  3,
  n0,
  _IIPn,
  0,
  [_IPpvre],
  [[0, {
    "ec2QueryName": `Ipv4Prefix`,
    "xmlName": _iPpv
  }]]
];
var InstanceIpv6Address$ = [
  3,
  n0,
  _IIA,
  0,
  [_IApv, _IPIs],
  [[0, {
    "ec2QueryName": `Ipv6Address`,
    "xmlName": _iApv
  }], [2, {
    "ec2QueryName": `IsPrimaryIpv6`,
    "xmlName": _iPIs
  }]]
];
var InstanceIpv6Prefix$ = [
  3,
  n0,
  _IIPns,
  0,
  [_IPpv],
  [[0, {
    "ec2QueryName": `Ipv6Prefix`,
    "xmlName": _iPpvr
  }]]
];
var InstanceMaintenanceOptions$ = [
  3,
  n0,
  _IMO,
  0,
  [_ARuto, _RMe],
  [[0, {
    "ec2QueryName": `AutoRecovery`,
    "xmlName": _aRut
  }], [0, {
    "ec2QueryName": `RebootMigration`,
    "xmlName": _rMe
  }]]
];
var InstanceMaintenanceOptionsRequest$ = [
  3,
  n0,
  _IMOR,
  0,
  [_ARuto],
  [0]
];
var InstanceMarketOptionsRequest$ = [
  3,
  n0,
  _IMORn,
  0,
  [_MTa, _SO],
  [0, () => SpotMarketOptions$]
];
var InstanceMetadataOptionsRequest$ = [
  3,
  n0,
  _IMORns,
  0,
  [_HT, _HPRHL, _HE, _HPI, _IMT],
  [0, 1, 0, 0, 0]
];
var InstanceMetadataOptionsResponse$ = [
  3,
  n0,
  _IMORnst,
  0,
  [_St, _HT, _HPRHL, _HE, _HPI, _IMT],
  [[0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `HttpTokens`,
    "xmlName": _hT
  }], [1, {
    "ec2QueryName": `HttpPutResponseHopLimit`,
    "xmlName": _hPRHL
  }], [0, {
    "ec2QueryName": `HttpEndpoint`,
    "xmlName": _hE
  }], [0, {
    "ec2QueryName": `HttpProtocolIpv6`,
    "xmlName": _hPI
  }], [0, {
    "ec2QueryName": `InstanceMetadataTags`,
    "xmlName": _iMT
  }]]
];
var InstanceNetworkInterface$ = [
  3,
  n0,
  _INI,
  0,
  [_Ass, _Att, _De, _G, _IA, _MAa, _NII, _OI, _PDN, _PIAr, _PIAri, _SDC, _Sta, _SIu, _VI, _ITnt, _IPpvr, _IPp, _CTC, _Op],
  [[() => InstanceNetworkInterfaceAssociation$, {
    "ec2QueryName": `Association`,
    "xmlName": _ass
  }], [() => InstanceNetworkInterfaceAttachment$, {
    "ec2QueryName": `Attachment`,
    "xmlName": _at
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [() => GroupIdentifierList, {
    "ec2QueryName": `GroupSet`,
    "xmlName": _gSr
  }], [() => InstanceIpv6AddressList, {
    "ec2QueryName": `Ipv6AddressesSet`,
    "xmlName": _iASp
  }], [0, {
    "ec2QueryName": `MacAddress`,
    "xmlName": _mAa
  }], [0, {
    "ec2QueryName": `NetworkInterfaceId`,
    "xmlName": _nII
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `PrivateDnsName`,
    "xmlName": _pDNr
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }], [() => InstancePrivateIpAddressList, {
    "ec2QueryName": `PrivateIpAddressesSet`,
    "xmlName": _pIAS
  }], [2, {
    "ec2QueryName": `SourceDestCheck`,
    "xmlName": _sDC
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [0, {
    "ec2QueryName": `SubnetId`,
    "xmlName": _sIu
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `InterfaceType`,
    "xmlName": _iTnt
  }], [() => InstanceIpv4PrefixList, {
    "ec2QueryName": `Ipv4PrefixSet`,
    "xmlName": _iPSpvr
  }], [() => InstanceIpv6PrefixList, {
    "ec2QueryName": `Ipv6PrefixSet`,
    "xmlName": _iPSpvre
  }], [() => ConnectionTrackingSpecificationResponse$, {
    "ec2QueryName": `ConnectionTrackingConfiguration`,
    "xmlName": _cTC
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }]]
];
var InstanceNetworkInterfaceAssociation$ = [
  3,
  n0,
  _INIA,
  0,
  [_CI, _COI, _IOI, _PDNub, _PI],
  [[0, {
    "ec2QueryName": `CarrierIp`,
    "xmlName": _cI
  }], [0, {
    "ec2QueryName": `CustomerOwnedIp`,
    "xmlName": _cOI
  }], [0, {
    "ec2QueryName": `IpOwnerId`,
    "xmlName": _iOIp
  }], [0, {
    "ec2QueryName": `PublicDnsName`,
    "xmlName": _pDNu
  }], [0, {
    "ec2QueryName": `PublicIp`,
    "xmlName": _pI
  }]]
];
var InstanceNetworkInterfaceAttachment$ = [
  3,
  n0,
  _INIAn,
  0,
  [_ATtt, _AItt, _DOT, _DI, _Sta, _NCI, _ESS, _EQC],
  [[4, {
    "ec2QueryName": `AttachTime`,
    "xmlName": _aTt
  }], [0, {
    "ec2QueryName": `AttachmentId`,
    "xmlName": _aIt
  }], [2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [1, {
    "ec2QueryName": `DeviceIndex`,
    "xmlName": _dI
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [1, {
    "ec2QueryName": `NetworkCardIndex`,
    "xmlName": _nCI
  }], [() => InstanceAttachmentEnaSrdSpecification$, {
    "ec2QueryName": `EnaSrdSpecification`,
    "xmlName": _eSS
  }], [1, {
    "ec2QueryName": `EnaQueueCount`,
    "xmlName": _eQC
  }]]
];
var InstanceNetworkInterfaceSpecification$ = [
  3,
  n0,
  _INIS,
  0,
  [_APIAss, _DOT, _De, _DI, _G, _IAC, _IA, _NII, _PIAr, _PIAri, _SPIAC, _SIu, _ACIA, _ITnt, _NCI, _IPpvr, _IPCp, _IPp, _IPC, _PIr, _ESS, _CTS, _EQC],
  [[2, {
    "ec2QueryName": `AssociatePublicIpAddress`,
    "xmlName": _aPIA
  }], [2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [1, {
    "ec2QueryName": `DeviceIndex`,
    "xmlName": _dI
  }], [() => SecurityGroupIdStringList, { "xmlName": _SGI }], [1, {
    "ec2QueryName": `Ipv6AddressCount`,
    "xmlName": _iAC
  }], [() => InstanceIpv6AddressList, {
    "ec2QueryName": `Ipv6Addresses`,
    "xmlName": _iASp
  }], [0, {
    "ec2QueryName": `NetworkInterfaceId`,
    "xmlName": _nII
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }], [() => PrivateIpAddressSpecificationList, {
    "ec2QueryName": `PrivateIpAddresses`,
    "xmlName": _pIAS
  }], [1, {
    "ec2QueryName": `SecondaryPrivateIpAddressCount`,
    "xmlName": _sPIAC
  }], [0, {
    "ec2QueryName": `SubnetId`,
    "xmlName": _sIu
  }], 2, 0, 1, [() => Ipv4PrefixList, { "xmlName": _IPpvre }], 1, [() => Ipv6PrefixList, { "xmlName": _IPpv }], 1, 2, () => EnaSrdSpecificationRequest$, () => ConnectionTrackingSpecificationRequest$, 1]
];
var InstanceNetworkPerformanceOptions$ = [
  3,
  n0,
  _INPO,
  0,
  [_BW],
  [[0, {
    "ec2QueryName": `BandwidthWeighting`,
    "xmlName": _bW
  }]]
];
var InstanceNetworkPerformanceOptionsRequest$ = [
  3,
  n0,
  _INPOR,
  0,
  [_BW],
  [0]
];
var InstancePrivateIpAddress$ = [
  3,
  n0,
  _IPIA,
  0,
  [_Ass, _Prim, _PDN, _PIAr],
  [[() => InstanceNetworkInterfaceAssociation$, {
    "ec2QueryName": `Association`,
    "xmlName": _ass
  }], [2, {
    "ec2QueryName": `Primary`,
    "xmlName": _prim
  }], [0, {
    "ec2QueryName": `PrivateDnsName`,
    "xmlName": _pDNr
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }]]
];
var InstanceRequirementsRequest$ = [
  3,
  n0,
  _IRR,
  0,
  [_VCC, _MMB, _CM, _MGBPVC, _EITxc, _IGns, _SMPPOLP, _ODMPPOLP, _BMa, _BP, _RHS, _NIC, _LSo, _LST, _TLSGB, _BEBM, _ATc, _AC, _AMc, _ANcc, _ATMMB, _NBGe, _AIT, _MSPAPOOODP, _BPF, _REIT],
  [() => VCpuCountRangeRequest$, () => MemoryMiBRequest$, [() => CpuManufacturerSet, { "xmlName": _CMp }], () => MemoryGiBPerVCpuRequest$, [() => ExcludedInstanceTypeSet, { "xmlName": _EITxcl }], [() => InstanceGenerationSet, { "xmlName": _IGnst }], 1, 1, 0, 0, 2, () => NetworkInterfaceCountRequest$, 0, [() => LocalStorageTypeSet, { "xmlName": _LSTo }], () => TotalLocalStorageGBRequest$, () => BaselineEbsBandwidthMbpsRequest$, [() => AcceleratorTypeSet, { "xmlName": _ATcc }], () => AcceleratorCountRequest$, [() => AcceleratorManufacturerSet, { "xmlName": _AMcc }], [() => AcceleratorNameSet, { "xmlName": _ANcce }], () => AcceleratorTotalMemoryMiBRequest$, () => NetworkBandwidthGbpsRequest$, [() => AllowedInstanceTypeSet, { "xmlName": _AITl }], 1, [() => BaselinePerformanceFactorsRequest$, 0], 2],
  2
];
var InstanceRequirementsWithMetadataRequest$ = [
  3,
  n0,
  _IRWMR,
  0,
  [_ATr, _VTi, _IR],
  [[() => ArchitectureTypeSet, { "xmlName": _ATrc }], [() => VirtualizationTypeSet, { "xmlName": _VTir }], [() => InstanceRequirementsRequest$, 0]]
];
var InstanceSecondaryInterface$ = [
  3,
  n0,
  _ISIn,
  0,
  [_Att, _MAa, _SIIec, _OI, _PIAri, _SDC, _Sta, _SSIe, _SNI, _ITnt],
  [[() => InstanceSecondaryInterfaceAttachment$, {
    "ec2QueryName": `Attachment`,
    "xmlName": _at
  }], [0, {
    "ec2QueryName": `MacAddress`,
    "xmlName": _mAa
  }], [0, {
    "ec2QueryName": `SecondaryInterfaceId`,
    "xmlName": _sIIe
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [() => InstanceSecondaryInterfacePrivateIpAddressList, {
    "ec2QueryName": `PrivateIpAddressSet`,
    "xmlName": _pIASr
  }], [2, {
    "ec2QueryName": `SourceDestCheck`,
    "xmlName": _sDC
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [0, {
    "ec2QueryName": `SecondarySubnetId`,
    "xmlName": _sSI
  }], [0, {
    "ec2QueryName": `SecondaryNetworkId`,
    "xmlName": _sNI
  }], [0, {
    "ec2QueryName": `InterfaceType`,
    "xmlName": _iTnt
  }]]
];
var InstanceSecondaryInterfaceAttachment$ = [
  3,
  n0,
  _ISIA,
  0,
  [_ATtt, _AItt, _DOT, _DI, _Sta, _NCI],
  [[4, {
    "ec2QueryName": `AttachTime`,
    "xmlName": _aTt
  }], [0, {
    "ec2QueryName": `AttachmentId`,
    "xmlName": _aIt
  }], [2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [1, {
    "ec2QueryName": `DeviceIndex`,
    "xmlName": _dI
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [1, {
    "ec2QueryName": `NetworkCardIndex`,
    "xmlName": _nCI
  }]]
];
var InstanceSecondaryInterfacePrivateIpAddress$ = [
  3,
  n0,
  _ISIPIA,
  0,
  [_PIAr],
  [[0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }]]
];
var InstanceSecondaryInterfacePrivateIpAddressRequest$ = [
  3,
  n0,
  _ISIPIAR,
  0,
  [_PIAr],
  [0],
  1
];
var InstanceSecondaryInterfaceSpecificationRequest$ = [
  3,
  n0,
  _ISISR,
  0,
  [_DOT, _DI, _PIAri, _PIAC, _SSIe, _ITnt, _NCI],
  [2, 1, [() => InstanceSecondaryInterfacePrivateIpAddressListRequest, { "xmlName": _PIAr }], 1, 0, 0, 1]
];
var InstanceState$ = [
  3,
  n0,
  _ISnsta,
  0,
  [_Co, _N],
  [[1, {
    "ec2QueryName": `Code`,
    "xmlName": _co
  }], [0, {
    "ec2QueryName": `Name`,
    "xmlName": _n
  }]]
];
var InstanceStateChange$ = [
  3,
  n0,
  _ISC,
  0,
  [_II, _CSu, _PSr],
  [[0, {
    "ec2QueryName": `InstanceId`,
    "xmlName": _iI
  }], [() => InstanceState$, {
    "ec2QueryName": `CurrentState`,
    "xmlName": _cSu
  }], [() => InstanceState$, {
    "ec2QueryName": `PreviousState`,
    "xmlName": _pSr
  }]]
];
var InstanceTypeItem$ = [
  3,
  n0,
  _ITIns,
  0,
  [_IT],
  [[0, {
    "ec2QueryName": `InstanceType`,
    "xmlName": _iT
  }]]
];
var InstanceTypeSpecification$ = [
  3,
  n0,
  _ITSn,
  0,
  [_SIT, _UIT],
  [[() => SupportedInstanceTypeSet, {
    "ec2QueryName": `SupportedInstanceTypeSet`,
    "xmlName": _sITS
  }], [() => UnsupportedInstanceTypeSet, {
    "ec2QueryName": `UnsupportedInstanceTypeSet`,
    "xmlName": _uITS
  }]]
];
var IpPermission$ = [
  3,
  n0,
  _IPper,
  0,
  [_IPpr, _FP, _TP, _UIGP, _IRpa, _IRpv, _PLIr],
  [[0, {
    "ec2QueryName": `IpProtocol`,
    "xmlName": _iPp
  }], [1, {
    "ec2QueryName": `FromPort`,
    "xmlName": _fP
  }], [1, {
    "ec2QueryName": `ToPort`,
    "xmlName": _tP
  }], [() => UserIdGroupPairList, {
    "ec2QueryName": `Groups`,
    "xmlName": _gr
  }], [() => IpRangeList, {
    "ec2QueryName": `IpRanges`,
    "xmlName": _iRpa
  }], [() => Ipv6RangeList, {
    "ec2QueryName": `Ipv6Ranges`,
    "xmlName": _iRpv
  }], [() => PrefixListIdList, {
    "ec2QueryName": `PrefixListIds`,
    "xmlName": _pLIr
  }]]
];
var IpRange$ = [
  3,
  n0,
  _IRpan,
  0,
  [_De, _CIi],
  [[0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [0, {
    "ec2QueryName": `CidrIp`,
    "xmlName": _cIi
  }]]
];
var Ipv4PrefixSpecificationRequest$ = [
  3,
  n0,
  _IPSRp,
  0,
  [_IPpvre],
  [0]
];
var Ipv6PrefixSpecificationRequest$ = [
  3,
  n0,
  _IPSRpvr,
  0,
  [_IPpv],
  [0]
];
var Ipv6Range$ = [
  3,
  n0,
  _IRpva,
  0,
  [_De, _CIid],
  [[0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [0, {
    "ec2QueryName": `CidrIpv6`,
    "xmlName": _cIid
  }]]
];
var LaunchPermission$ = [
  3,
  n0,
  _LPau,
  0,
  [_OArg, _OUA, _UI, _Gr],
  [[0, {
    "ec2QueryName": `OrganizationArn`,
    "xmlName": _oArg
  }], [0, {
    "ec2QueryName": `OrganizationalUnitArn`,
    "xmlName": _oUA
  }], [0, {
    "ec2QueryName": `UserId`,
    "xmlName": _uI
  }], [0, {
    "ec2QueryName": `Group`,
    "xmlName": _g
  }]]
];
var LaunchPermissionModifications$ = [
  3,
  n0,
  _LPM,
  0,
  [_Ad, _Rem],
  [[() => LaunchPermissionList, 0], [() => LaunchPermissionList, 0]]
];
var LaunchTemplateSpecification$ = [
  3,
  n0,
  _LTS,
  0,
  [_LTI, _LTN, _Ver],
  [0, 0, 0]
];
var LicenseConfiguration$ = [
  3,
  n0,
  _LCi,
  0,
  [_LCA],
  [[0, {
    "ec2QueryName": `LicenseConfigurationArn`,
    "xmlName": _lCA
  }]]
];
var LicenseConfigurationRequest$ = [
  3,
  n0,
  _LCR,
  0,
  [_LCA],
  [0]
];
var MemoryGiBPerVCpuRequest$ = [
  3,
  n0,
  _MGBPVCR,
  0,
  [_M, _Ma],
  [1, 1]
];
var MemoryMiBRequest$ = [
  3,
  n0,
  _MMBR,
  0,
  [_M, _Ma],
  [1, 1],
  1
];
var ModifyImageAttributeRequest$ = [
  3,
  n0,
  _MIAR,
  0,
  [_IIm, _At, _De, _LPau, _OTp, _PCro, _UG, _UIs, _V, _OArga, _OUAr, _ISmd, _DR],
  [0, 0, [() => AttributeValue$, 0], [() => LaunchPermissionModifications$, 0], 0, [() => ProductCodeStringList, { "xmlName": _PCr }], [() => UserGroupStringList, { "xmlName": _UGs }], [() => UserIdStringList, { "xmlName": _UI }], 0, [() => OrganizationArnStringList, { "xmlName": _OArg }], [() => OrganizationalUnitArnStringList, { "xmlName": _OUA }], [() => AttributeValue$, 0], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  1
];
var ModifySnapshotAttributeRequest$ = [
  3,
  n0,
  _MSAR,
  0,
  [_SIn, _At, _CVP, _GNr, _OTp, _UIs, _DR],
  [0, 0, [() => CreateVolumePermissionModifications$, 0], [() => GroupNameStringList, { "xmlName": _UGs }], 0, [() => UserIdStringList, { "xmlName": _UI }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  1
];
var ModifyTrafficMirrorFilterRuleRequest$ = [
  3,
  n0,
  _MTMFRR,
  0,
  [_TMFRI, _TD, _RNu, _RA, _DPRe, _SPRo, _Pr, _DCB, _SCB, _De, _RF, _DR],
  [0, 0, 1, 0, () => TrafficMirrorPortRangeRequest$, () => TrafficMirrorPortRangeRequest$, 1, 0, 0, 0, [64 | 0, { "xmlName": _RFe }], 2],
  1
];
var ModifyTrafficMirrorSessionRequest$ = [
  3,
  n0,
  _MTMSR,
  0,
  [_TMSI, _TMTI, _TMFI, _PLa, _SNes, _VNI, _De, _RF, _DR],
  [0, 0, 0, 1, 1, 1, 0, [64 | 0, { "xmlName": _RFe }], 2],
  1
];
var ModifyTransitGatewayMeteringPolicyRequest$ = [
  3,
  n0,
  _MTGMPR,
  0,
  [_TGMPI, _AMAI, _RMAI, _DR],
  [0, [64 | 0, { "xmlName": _AMAId }], [64 | 0, { "xmlName": _RMAIe }], 2],
  1
];
var Monitoring$ = [
  3,
  n0,
  _Mon,
  0,
  [_MCIe, _St],
  [[() => MetricCategoryIdList, {
    "ec2QueryName": `MetricCategoryIdSet`,
    "xmlName": _mCIS
  }], [0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }]]
];
var NetworkBandwidthGbpsRequest$ = [
  3,
  n0,
  _NBGR,
  0,
  [_M, _Ma],
  [1, 1]
];
var NetworkInterfaceCountRequest$ = [
  3,
  n0,
  _NICR,
  0,
  [_M, _Ma],
  [1, 1]
];
var OperatorRequest$ = [
  3,
  n0,
  _ORpe,
  0,
  [_P],
  [0]
];
var OperatorResponse$ = [
  3,
  n0,
  _ORper,
  0,
  [_Mana, _P, _HBD],
  [[2, {
    "ec2QueryName": `Managed`,
    "xmlName": _mana
  }], [0, {
    "ec2QueryName": `Principal`,
    "xmlName": _p
  }], [2, {
    "ec2QueryName": `HiddenByDefault`,
    "xmlName": _hBD
  }]]
];
var PerformanceFactorReferenceRequest$ = [
  3,
  n0,
  _PFRR,
  0,
  [_IF],
  [0]
];
var Placement$ = [
  3,
  n0,
  _Pla,
  0,
  [_AZI, _Af, _GN, _PN, _HIo, _Te, _SDp, _HRGA, _GIr, _AZ],
  [[0, {
    "ec2QueryName": `AvailabilityZoneId`,
    "xmlName": _aZI
  }], [0, {
    "ec2QueryName": `Affinity`,
    "xmlName": _af
  }], [0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }], [1, {
    "ec2QueryName": `PartitionNumber`,
    "xmlName": _pN
  }], [0, {
    "ec2QueryName": `HostId`,
    "xmlName": _hI
  }], [0, {
    "ec2QueryName": `Tenancy`,
    "xmlName": _te
  }], [0, {
    "ec2QueryName": `SpreadDomain`,
    "xmlName": _sDp
  }], [0, {
    "ec2QueryName": `HostResourceGroupArn`,
    "xmlName": _hRGA
  }], [0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }]]
];
var PrefixListId$ = [
  3,
  n0,
  _PLI,
  0,
  [_De, _PLI],
  [[0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [0, {
    "ec2QueryName": `PrefixListId`,
    "xmlName": _pLI
  }]]
];
var PrivateDnsNameOptionsOnLaunch$ = [
  3,
  n0,
  _PDNOOL,
  0,
  [_HTo, _ERNDAR, _ERNDAAAAR],
  [[0, {
    "ec2QueryName": `HostnameType`,
    "xmlName": _hTo
  }], [2, {
    "ec2QueryName": `EnableResourceNameDnsARecord`,
    "xmlName": _eRNDAR
  }], [2, {
    "ec2QueryName": `EnableResourceNameDnsAAAARecord`,
    "xmlName": _eRNDAAAAR
  }]]
];
var PrivateDnsNameOptionsRequest$ = [
  3,
  n0,
  _PDNOR,
  0,
  [_HTo, _ERNDAR, _ERNDAAAAR],
  [0, 2, 2]
];
var PrivateDnsNameOptionsResponse$ = [
  3,
  n0,
  _PDNORr,
  0,
  [_HTo, _ERNDAR, _ERNDAAAAR],
  [[0, {
    "ec2QueryName": `HostnameType`,
    "xmlName": _hTo
  }], [2, {
    "ec2QueryName": `EnableResourceNameDnsARecord`,
    "xmlName": _eRNDAR
  }], [2, {
    "ec2QueryName": `EnableResourceNameDnsAAAARecord`,
    "xmlName": _eRNDAAAAR
  }]]
];
var PrivateIpAddressSpecification$ = [
  3,
  n0,
  _PIAS,
  0,
  [_Prim, _PIAr],
  [[2, {
    "ec2QueryName": `Primary`,
    "xmlName": _prim
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }]]
];
var ProductCode$ = [
  3,
  n0,
  _PCr,
  0,
  [_PCIr, _PCT],
  [[0, {
    "ec2QueryName": `ProductCode`,
    "xmlName": _pCr
  }], [0, {
    "ec2QueryName": `Type`,
    "xmlName": _ty
  }]]
];
var ReferencedSecurityGroup$ = [
  3,
  n0,
  _RSG,
  0,
  [_GIr, _PSee, _UI, _VI, _VPCI],
  [[0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [0, {
    "ec2QueryName": `PeeringStatus`,
    "xmlName": _pSee
  }], [0, {
    "ec2QueryName": `UserId`,
    "xmlName": _uI
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `VpcPeeringConnectionId`,
    "xmlName": _vPCI
  }]]
];
var RegisterImageRequest$ = [
  3,
  n0,
  _RIRe,
  0,
  [_N, _IL, _BPi, _BM, _TSp, _UD, _ISmd, _TS, _DR, _De, _Arc, _KI, _RIa, _RDN, _BDMl, _VTir, _SNS, _ESna],
  [[0, {
    "ec2QueryName": `Name`,
    "xmlName": _n
  }], 0, [() => BillingProductList, { "xmlName": _BPil }], 0, 0, [() => ImageUefiDataRequest, 0], 0, [() => TagSpecificationList, { "xmlName": _TSa }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [0, {
    "ec2QueryName": `Architecture`,
    "xmlName": _arc
  }], [0, {
    "ec2QueryName": `KernelId`,
    "xmlName": _kI
  }], [0, {
    "ec2QueryName": `RamdiskId`,
    "xmlName": _rIa
  }], [0, {
    "ec2QueryName": `RootDeviceName`,
    "xmlName": _rDN
  }], [() => BlockDeviceMappingRequestList, { "xmlName": _BDM }], [0, {
    "ec2QueryName": `VirtualizationType`,
    "xmlName": _vTi
  }], [0, {
    "ec2QueryName": `SriovNetSupport`,
    "xmlName": _sNSr
  }], [2, {
    "ec2QueryName": `EnaSupport`,
    "xmlName": _eSna
  }]],
  1
];
var RegisterImageResult$ = [
  3,
  n0,
  _RIReg,
  0,
  [_IIm],
  [[0, {
    "ec2QueryName": `ImageId`,
    "xmlName": _iIma
  }]]
];
var Reservation$ = [
  3,
  n0,
  _Reser,
  0,
  [_RIe, _OI, _RIeq, _G, _Ins],
  [[0, {
    "ec2QueryName": `ReservationId`,
    "xmlName": _rI
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `RequesterId`,
    "xmlName": _rIeq
  }], [() => GroupIdentifierList, {
    "ec2QueryName": `GroupSet`,
    "xmlName": _gSr
  }], [() => InstanceList, {
    "ec2QueryName": `InstancesSet`,
    "xmlName": _iSns
  }]]
];
var ResourceTypeOption$ = [
  3,
  n0,
  _RTOe,
  0,
  [_ON, _OV],
  [0, [64 | 0, { "xmlName": _OVp }]]
];
var ResourceTypeRequest$ = [
  3,
  n0,
  _RTRe,
  0,
  [_RTe, _RTO],
  [0, [() => ResourceTypeOptionList, { "xmlName": _RTOe }]]
];
var RunInstancesMonitoringEnabled$ = [
  3,
  n0,
  _RIME,
  0,
  [_En, _MCIe],
  [[2, {
    "ec2QueryName": `Enabled`,
    "xmlName": _en
  }], [() => MetricCategoryIdList, { "xmlName": _MCI }]],
  1
];
var RunInstancesRequest$ = [
  3,
  n0,
  _RIRu,
  0,
  [_MCa, _MCin, _BDMl, _IIm, _IT, _IAC, _IA, _KI, _KN, _Mon, _Pla, _RIa, _SGIe, _SGe, _SIu, _UDs, _EGSla, _EIAl, _TS, _LT, _IMOns, _CSr, _CO, _CRSa, _HO, _LSi, _MO, _EOn, _PDNO, _MOa, _DASi, _EPI, _NPO, _Op, _SIec, _DR, _DAT, _IISB, _PIAr, _CT, _AId, _NIet, _IIP, _EO],
  [1, 1, [() => BlockDeviceMappingRequestList, { "xmlName": _BDM }], 0, 0, 1, [() => InstanceIpv6AddressList, { "xmlName": _IApv }], 0, 0, [() => RunInstancesMonitoringEnabled$, 0], [() => Placement$, 0], 0, [() => SecurityGroupIdStringList, { "xmlName": _SGI }], [() => SecurityGroupStringList, { "xmlName": _SGec }], 0, [() => RunInstancesUserData, 0], [() => ElasticGpuSpecifications, 0], [() => ElasticInferenceAccelerators, { "xmlName": _EIA }], [() => TagSpecificationList, { "xmlName": _TSa }], () => LaunchTemplateSpecification$, () => InstanceMarketOptionsRequest$, () => CreditSpecificationRequest$, () => CpuOptionsRequest$, () => CapacityReservationSpecification$, () => HibernationOptionsRequest$, [() => LicenseSpecificationListRequest, { "xmlName": _LSic }], () => InstanceMetadataOptionsRequest$, () => EnclaveOptionsRequest$, () => PrivateDnsNameOptionsRequest$, () => InstanceMaintenanceOptionsRequest$, 2, 2, () => InstanceNetworkPerformanceOptionsRequest$, () => OperatorRequest$, [() => InstanceSecondaryInterfaceSpecificationListRequest, { "xmlName": _SIeco }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [2, {
    "ec2QueryName": `DisableApiTermination`,
    "xmlName": _dAT
  }], [0, {
    "ec2QueryName": `InstanceInitiatedShutdownBehavior`,
    "xmlName": _iISB
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }], [0, {
    "ec2QueryName": `ClientToken`,
    "idempotencyToken": 1,
    "xmlName": _cT
  }], [0, {
    "ec2QueryName": `AdditionalInfo`,
    "xmlName": _aId
  }], [() => InstanceNetworkInterfaceSpecificationList, {
    "ec2QueryName": `NetworkInterface`,
    "xmlName": _nIe
  }], [() => IamInstanceProfileSpecification$, {
    "ec2QueryName": `IamInstanceProfile`,
    "xmlName": _iIP
  }], [2, {
    "ec2QueryName": `EbsOptimized`,
    "xmlName": _eO
  }]],
  2
];
var ScanResults$ = [
  3,
  n0,
  _SRc,
  0,
  [_HFSL, _FSD, _IFAS, _LFAS, _MFAS, _HFAS, _CFAS],
  [[0, {
    "ec2QueryName": `HighestFindingSeverityLabel`,
    "xmlName": _hFSL
  }], [4, {
    "ec2QueryName": `FindingScanDate`,
    "xmlName": _fSD
  }], [4, {
    "ec2QueryName": `InformationalFixAvailableSince`,
    "xmlName": _iFAS
  }], [4, {
    "ec2QueryName": `LowFixAvailableSince`,
    "xmlName": _lFAS
  }], [4, {
    "ec2QueryName": `MediumFixAvailableSince`,
    "xmlName": _mFAS
  }], [4, {
    "ec2QueryName": `HighFixAvailableSince`,
    "xmlName": _hFAS
  }], [4, {
    "ec2QueryName": `CriticalFixAvailableSince`,
    "xmlName": _cFAS
  }]]
];
var SecurityGroup$ = [
  3,
  n0,
  _SGec,
  0,
  [_GIr, _IPEp, _T, _VI, _SGA, _OI, _GN, _De, _IPpe],
  [[0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [() => IpPermissionList, {
    "ec2QueryName": `IpPermissionsEgress`,
    "xmlName": _iPEp
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `SecurityGroupArn`,
    "xmlName": _sGA
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }], [0, {
    "ec2QueryName": `GroupDescription`,
    "xmlName": _gD
  }], [() => IpPermissionList, {
    "ec2QueryName": `IpPermissions`,
    "xmlName": _iPpe
  }]]
];
var SecurityGroupRule$ = [
  3,
  n0,
  _SGRe,
  0,
  [_SGRIe, _GIr, _GOI, _IE, _IPpr, _FP, _TP, _CIidr, _CIid, _PLI, _RGIe, _De, _T, _SGRA],
  [[0, {
    "ec2QueryName": `SecurityGroupRuleId`,
    "xmlName": _sGRI
  }], [0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [0, {
    "ec2QueryName": `GroupOwnerId`,
    "xmlName": _gOI
  }], [2, {
    "ec2QueryName": `IsEgress`,
    "xmlName": _iEs
  }], [0, {
    "ec2QueryName": `IpProtocol`,
    "xmlName": _iPp
  }], [1, {
    "ec2QueryName": `FromPort`,
    "xmlName": _fP
  }], [1, {
    "ec2QueryName": `ToPort`,
    "xmlName": _tP
  }], [0, {
    "ec2QueryName": `CidrIpv4`,
    "xmlName": _cIidr
  }], [0, {
    "ec2QueryName": `CidrIpv6`,
    "xmlName": _cIid
  }], [0, {
    "ec2QueryName": `PrefixListId`,
    "xmlName": _pLI
  }], [() => ReferencedSecurityGroup$, {
    "ec2QueryName": `ReferencedGroupInfo`,
    "xmlName": _rGIe
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `SecurityGroupRuleArn`,
    "xmlName": _sGRA
  }]]
];
var Snapshot$ = [
  3,
  n0,
  _Sna,
  0,
  [_OAw, _OA, _T, _STto, _RETe, _STs, _AZ, _TTr, _CDM, _CTomp, _FSSIB, _SIn, _VIo, _St, _SMta, _STt, _Pro, _OI, _De, _VSo, _Enc, _KKI, _DEKI],
  [[0, {
    "ec2QueryName": `OwnerAlias`,
    "xmlName": _oAw
  }], [0, {
    "ec2QueryName": `OutpostArn`,
    "xmlName": _oA
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `StorageTier`,
    "xmlName": _sTto
  }], [4, {
    "ec2QueryName": `RestoreExpiryTime`,
    "xmlName": _rETe
  }], [0, {
    "ec2QueryName": `SseType`,
    "xmlName": _sTs
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }], [0, {
    "ec2QueryName": `TransferType`,
    "xmlName": _tTr
  }], [1, {
    "ec2QueryName": `CompletionDurationMinutes`,
    "xmlName": _cDM
  }], [4, {
    "ec2QueryName": `CompletionTime`,
    "xmlName": _cTomp
  }], [1, {
    "ec2QueryName": `FullSnapshotSizeInBytes`,
    "xmlName": _fSSIB
  }], [0, {
    "ec2QueryName": `SnapshotId`,
    "xmlName": _sIn
  }], [0, {
    "ec2QueryName": `VolumeId`,
    "xmlName": _vIo
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [0, {
    "ec2QueryName": `StatusMessage`,
    "xmlName": _sMt
  }], [4, {
    "ec2QueryName": `StartTime`,
    "xmlName": _sTt
  }], [0, {
    "ec2QueryName": `Progress`,
    "xmlName": _pro
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [1, {
    "ec2QueryName": `VolumeSize`,
    "xmlName": _vSo
  }], [2, {
    "ec2QueryName": `Encrypted`,
    "xmlName": _enc
  }], [0, {
    "ec2QueryName": `KmsKeyId`,
    "xmlName": _kKI
  }], [0, {
    "ec2QueryName": `DataEncryptionKeyId`,
    "xmlName": _dEKI
  }]]
];
var SpotMarketOptions$ = [
  3,
  n0,
  _SMO,
  0,
  [_MPax, _SITp, _BDMlo, _VU, _IIB],
  [0, 0, 1, 4, 0]
];
var StateReason$ = [
  3,
  n0,
  _SRt,
  0,
  [_Co, _Me],
  [[0, {
    "ec2QueryName": `Code`,
    "xmlName": _co
  }], [0, {
    "ec2QueryName": `Message`,
    "xmlName": _me
  }]]
];
var Subnet$ = [
  3,
  n0,
  _Su,
  0,
  [_AZI, _ELADI, _MCOIOL, _COIP, _OI, _AIAOC, _ICBAS, _T, _SAub, _OA, _EDn, _IN, _PDNOOL, _BPAS, _Ty, _SIu, _St, _VI, _CB, _AIAC, _AZ, _DFA, _MPIOL],
  [[0, {
    "ec2QueryName": `AvailabilityZoneId`,
    "xmlName": _aZI
  }], [1, {
    "ec2QueryName": `EnableLniAtDeviceIndex`,
    "xmlName": _eLADI
  }], [2, {
    "ec2QueryName": `MapCustomerOwnedIpOnLaunch`,
    "xmlName": _mCOIOL
  }], [0, {
    "ec2QueryName": `CustomerOwnedIpv4Pool`,
    "xmlName": _cOIP
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [2, {
    "ec2QueryName": `AssignIpv6AddressOnCreation`,
    "xmlName": _aIAOC
  }], [() => SubnetIpv6CidrBlockAssociationSet, {
    "ec2QueryName": `Ipv6CidrBlockAssociationSet`,
    "xmlName": _iCBASp
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `SubnetArn`,
    "xmlName": _sAub
  }], [0, {
    "ec2QueryName": `OutpostArn`,
    "xmlName": _oA
  }], [2, {
    "ec2QueryName": `EnableDns64`,
    "xmlName": _eDn
  }], [2, {
    "ec2QueryName": `Ipv6Native`,
    "xmlName": _iN
  }], [() => PrivateDnsNameOptionsOnLaunch$, {
    "ec2QueryName": `PrivateDnsNameOptionsOnLaunch`,
    "xmlName": _pDNOOL
  }], [() => BlockPublicAccessStates$, {
    "ec2QueryName": `BlockPublicAccessStates`,
    "xmlName": _bPAS
  }], [0, {
    "ec2QueryName": `Type`,
    "xmlName": _ty
  }], [0, {
    "ec2QueryName": `SubnetId`,
    "xmlName": _sIu
  }], [0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `CidrBlock`,
    "xmlName": _cB
  }], [1, {
    "ec2QueryName": `AvailableIpAddressCount`,
    "xmlName": _aIAC
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }], [2, {
    "ec2QueryName": `DefaultForAz`,
    "xmlName": _dFA
  }], [2, {
    "ec2QueryName": `MapPublicIpOnLaunch`,
    "xmlName": _mPIOL
  }]]
];
var SubnetCidrBlockState$ = [
  3,
  n0,
  _SCBS,
  0,
  [_St, _SMt],
  [[0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `StatusMessage`,
    "xmlName": _sMt
  }]]
];
var SubnetIpv6CidrBlockAssociation$ = [
  3,
  n0,
  _SICBA,
  0,
  [_AIs, _ICB, _ICBS, _IAA, _ISpo],
  [[0, {
    "ec2QueryName": `AssociationId`,
    "xmlName": _aIs
  }], [0, {
    "ec2QueryName": `Ipv6CidrBlock`,
    "xmlName": _iCB
  }], [() => SubnetCidrBlockState$, {
    "ec2QueryName": `Ipv6CidrBlockState`,
    "xmlName": _iCBS
  }], [0, {
    "ec2QueryName": `Ipv6AddressAttribute`,
    "xmlName": _iAA
  }], [0, {
    "ec2QueryName": `IpSource`,
    "xmlName": _iSpo
  }]]
];
var Tag$ = [
  3,
  n0,
  _Ta,
  0,
  [_K, _V],
  [[0, {
    "ec2QueryName": `Key`,
    "xmlName": _k
  }], [0, {
    "ec2QueryName": `Value`,
    "xmlName": _v
  }]]
];
var TagSpecification$ = [
  3,
  n0,
  _TSa,
  0,
  [_RTe, _T],
  [[0, {
    "ec2QueryName": `ResourceType`,
    "xmlName": _rTe
  }], [() => TagList, { "xmlName": _Ta }]]
];
var TerminateInstancesRequest$ = [
  3,
  n0,
  _TIR,
  0,
  [_IIn, _F, _SOS, _DR],
  [[() => InstanceIdStringList, { "xmlName": _II }], 2, 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  1
];
var TerminateInstancesResult$ = [
  3,
  n0,
  _TIRe,
  0,
  [_TIer],
  [[() => InstanceStateChangeList, {
    "ec2QueryName": `InstancesSet`,
    "xmlName": _iSns
  }]]
];
var TotalLocalStorageGBRequest$ = [
  3,
  n0,
  _TLSGBR,
  0,
  [_M, _Ma],
  [1, 1]
];
var TrafficMirrorPortRangeRequest$ = [
  3,
  n0,
  _TMPRR,
  0,
  [_FP, _TP],
  [1, 1]
];
var UserIdGroupPair$ = [
  3,
  n0,
  _UIGPs,
  0,
  [_De, _UI, _GN, _GIr, _VI, _VPCI, _PSee],
  [[0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [0, {
    "ec2QueryName": `UserId`,
    "xmlName": _uI
  }], [0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }], [0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `VpcPeeringConnectionId`,
    "xmlName": _vPCI
  }], [0, {
    "ec2QueryName": `PeeringStatus`,
    "xmlName": _pSee
  }]]
];
var VCpuCountRangeRequest$ = [
  3,
  n0,
  _VCCRR,
  0,
  [_M, _Ma],
  [1, 1],
  1
];
var Vpc$ = [
  3,
  n0,
  _Vp,
  0,
  [_OI, _ITns, _ICBAS, _CBAS, _IDs, _ECn, _T, _BPAS, _VI, _St, _CB, _DOI],
  [[0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `InstanceTenancy`,
    "xmlName": _iTns
  }], [() => VpcIpv6CidrBlockAssociationSet, {
    "ec2QueryName": `Ipv6CidrBlockAssociationSet`,
    "xmlName": _iCBASp
  }], [() => VpcCidrBlockAssociationSet, {
    "ec2QueryName": `CidrBlockAssociationSet`,
    "xmlName": _cBAS
  }], [2, {
    "ec2QueryName": `IsDefault`,
    "xmlName": _iDs
  }], [() => VpcEncryptionControl$, {
    "ec2QueryName": `EncryptionControl`,
    "xmlName": _eCn
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [() => BlockPublicAccessStates$, {
    "ec2QueryName": `BlockPublicAccessStates`,
    "xmlName": _bPAS
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `CidrBlock`,
    "xmlName": _cB
  }], [0, {
    "ec2QueryName": `DhcpOptionsId`,
    "xmlName": _dOI
  }]]
];
var VpcCidrBlockAssociation$ = [
  3,
  n0,
  _VCBA,
  0,
  [_AIs, _CB, _CBSi],
  [[0, {
    "ec2QueryName": `AssociationId`,
    "xmlName": _aIs
  }], [0, {
    "ec2QueryName": `CidrBlock`,
    "xmlName": _cB
  }], [() => VpcCidrBlockState$, {
    "ec2QueryName": `CidrBlockState`,
    "xmlName": _cBSi
  }]]
];
var VpcCidrBlockState$ = [
  3,
  n0,
  _VCBS,
  0,
  [_St, _SMt],
  [[0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `StatusMessage`,
    "xmlName": _sMt
  }]]
];
var VpcEncryptionControl$ = [
  3,
  n0,
  _VEC,
  0,
  [_VI, _VECI, _Mo, _St, _SMta, _REes, _T],
  [[0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `VpcEncryptionControlId`,
    "xmlName": _vECI
  }], [0, {
    "ec2QueryName": `Mode`,
    "xmlName": _mo
  }], [0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `StateMessage`,
    "xmlName": _sMta
  }], [() => VpcEncryptionControlExclusions$, {
    "ec2QueryName": `ResourceExclusions`,
    "xmlName": _rEes
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }]]
];
var VpcEncryptionControlExclusion$ = [
  3,
  n0,
  _VECE,
  0,
  [_St, _SMta],
  [[0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `StateMessage`,
    "xmlName": _sMta
  }]]
];
var VpcEncryptionControlExclusions$ = [
  3,
  n0,
  _VECEp,
  0,
  [_IG, _EOIG, _NG, _VPG, _VP, _L, _VL, _EFS, _GA, _AGV],
  [[() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `InternetGateway`,
    "xmlName": _iG
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `EgressOnlyInternetGateway`,
    "xmlName": _eOIG
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `NatGateway`,
    "xmlName": _nG
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `VirtualPrivateGateway`,
    "xmlName": _vPG
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `VpcPeering`,
    "xmlName": _vP
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `Lambda`,
    "xmlName": _l
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `VpcLattice`,
    "xmlName": _vL
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `ElasticFileSystem`,
    "xmlName": _eFS
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `GlobalAccelerator`,
    "xmlName": _gA
  }], [() => VpcEncryptionControlExclusion$, {
    "ec2QueryName": `ApiGatewayV2`,
    "xmlName": _aGV
  }]]
];
var VpcIpv6CidrBlockAssociation$ = [
  3,
  n0,
  _VICBA,
  0,
  [_AIs, _ICB, _ICBS, _NBG, _IPpvo, _IAA, _ISpo],
  [[0, {
    "ec2QueryName": `AssociationId`,
    "xmlName": _aIs
  }], [0, {
    "ec2QueryName": `Ipv6CidrBlock`,
    "xmlName": _iCB
  }], [() => VpcCidrBlockState$, {
    "ec2QueryName": `Ipv6CidrBlockState`,
    "xmlName": _iCBS
  }], [0, {
    "ec2QueryName": `NetworkBorderGroup`,
    "xmlName": _nBG
  }], [0, {
    "ec2QueryName": `Ipv6Pool`,
    "xmlName": _iPpvo
  }], [0, {
    "ec2QueryName": `Ipv6AddressAttribute`,
    "xmlName": _iAA
  }], [0, {
    "ec2QueryName": `IpSource`,
    "xmlName": _iSpo
  }]]
];
var __Unit = "unit";
var AcceleratorManufacturerSet = [
  1,
  n0,
  _AMSc,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AcceleratorNameSet = [
  1,
  n0,
  _ANSc,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AcceleratorTypeSet = [
  1,
  n0,
  _ATSc,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AllowedInstanceTypeSet = [
  1,
  n0,
  _AITS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var ArchitectureTypeSet = [
  1,
  n0,
  _ATSr,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AssetIdList = 64 | 0;
var BillingProductList = [
  1,
  n0,
  _BPL,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var BlockDeviceMappingList = [
  1,
  n0,
  _BDML,
  0,
  [
    () => BlockDeviceMapping$,
    { "xmlName": _it }
  ]
];
var BlockDeviceMappingRequestList = [
  1,
  n0,
  _BDMRL,
  0,
  [
    () => BlockDeviceMapping$,
    { "xmlName": _BDM }
  ]
];
var CarrierGatewayIdSet = 64 | 0;
var CpuManufacturerSet = [
  1,
  n0,
  _CMSp,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var CreateVolumePermissionList = [
  1,
  n0,
  _CVPL,
  0,
  [
    () => CreateVolumePermission$,
    { "xmlName": _it }
  ]
];
var DeleteSnapshotResultSet = [
  1,
  n0,
  _DSRS,
  0,
  [
    () => DeleteSnapshotReturnCode$,
    { "xmlName": _it }
  ]
];
var DescribeImageReferencesImageIdStringList = 64 | 0;
var DescribeImageUsageReportsImageIdStringList = 64 | 0;
var DescribeInstanceTopologyGroupNameSet = 64 | 0;
var DescribeInstanceTopologyInstanceIdSet = 64 | 0;
var ElasticGpuAssociationList = [
  1,
  n0,
  _EGAL,
  0,
  [
    () => ElasticGpuAssociation$,
    { "xmlName": _it }
  ]
];
var ElasticGpuSpecifications = [
  1,
  n0,
  _EGSlas,
  0,
  [
    () => ElasticGpuSpecification$,
    { "xmlName": _it }
  ]
];
var ElasticInferenceAcceleratorAssociationList = [
  1,
  n0,
  _EIAAL,
  0,
  [
    () => ElasticInferenceAcceleratorAssociation$,
    { "xmlName": _it }
  ]
];
var ElasticInferenceAccelerators = [
  1,
  n0,
  _EIAl,
  0,
  [
    () => ElasticInferenceAccelerator$,
    { "xmlName": _it }
  ]
];
var ExcludedInstanceTypeSet = [
  1,
  n0,
  _EITSx,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var ExecutableByStringList = [
  1,
  n0,
  _EBSL,
  0,
  [
    0,
    { "xmlName": _EBx }
  ]
];
var FilterList = [
  1,
  n0,
  _FLi,
  0,
  [
    () => Filter$,
    { "xmlName": _Fil }
  ]
];
var FleetIdSet = 64 | 0;
var GroupIdentifierList = [
  1,
  n0,
  _GIL,
  0,
  [
    () => GroupIdentifier$,
    { "xmlName": _it }
  ]
];
var GroupIdStringList = [
  1,
  n0,
  _GISL,
  0,
  [
    0,
    { "xmlName": _gIr }
  ]
];
var GroupNameStringList = [
  1,
  n0,
  _GNSL,
  0,
  [
    0,
    { "xmlName": _GN }
  ]
];
var ImageIdStringList = [
  1,
  n0,
  _IISL,
  0,
  [
    0,
    { "xmlName": _IIm }
  ]
];
var ImageList = [
  1,
  n0,
  _ILm,
  0,
  [
    () => Image$,
    { "xmlName": _it }
  ]
];
var ImageUsageReportIdStringList = 64 | 0;
var ImageWatermarkList = [
  1,
  n0,
  _IWL,
  0,
  [
    () => ImageWatermark$,
    { "xmlName": _it }
  ]
];
var InstanceBlockDeviceMappingList = [
  1,
  n0,
  _IBDML,
  0,
  [
    () => InstanceBlockDeviceMapping$,
    { "xmlName": _it }
  ]
];
var InstanceGenerationSet = [
  1,
  n0,
  _IGS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var InstanceIdStringList = [
  1,
  n0,
  _IISLn,
  0,
  [
    0,
    { "xmlName": _II }
  ]
];
var InstanceIpv4PrefixList = [
  1,
  n0,
  _IIPL,
  0,
  [
    () => InstanceIpv4Prefix$,
    { "xmlName": _it }
  ]
];
var InstanceIpv6AddressList = [
  1,
  n0,
  _IIAL,
  0,
  [
    () => InstanceIpv6Address$,
    { "xmlName": _it }
  ]
];
var InstanceIpv6PrefixList = [
  1,
  n0,
  _IIPLn,
  0,
  [
    () => InstanceIpv6Prefix$,
    { "xmlName": _it }
  ]
];
var InstanceList = [
  1,
  n0,
  _ILns,
  0,
  [
    () => Instance$,
    { "xmlName": _it }
  ]
];
var InstanceNetworkInterfaceList = [
  1,
  n0,
  _INIL,
  0,
  [
    () => InstanceNetworkInterface$,
    { "xmlName": _it }
  ]
];
var InstanceNetworkInterfaceSpecificationList = [
  1,
  n0,
  _INISL,
  0,
  [
    () => InstanceNetworkInterfaceSpecification$,
    { "xmlName": _it }
  ]
];
var InstancePrivateIpAddressList = [
  1,
  n0,
  _IPIAL,
  0,
  [
    () => InstancePrivateIpAddress$,
    { "xmlName": _it }
  ]
];
var InstanceSecondaryInterfaceList = [
  1,
  n0,
  _ISIL,
  0,
  [
    () => InstanceSecondaryInterface$,
    { "xmlName": _it }
  ]
];
var InstanceSecondaryInterfacePrivateIpAddressList = [
  1,
  n0,
  _ISIPIAL,
  0,
  [
    () => InstanceSecondaryInterfacePrivateIpAddress$,
    { "xmlName": _it }
  ]
];
var InstanceSecondaryInterfacePrivateIpAddressListRequest = [
  1,
  n0,
  _ISIPIALR,
  0,
  [
    () => InstanceSecondaryInterfacePrivateIpAddressRequest$,
    { "xmlName": _it }
  ]
];
var InstanceSecondaryInterfaceSpecificationListRequest = [
  1,
  n0,
  _ISISLR,
  0,
  [
    () => InstanceSecondaryInterfaceSpecificationRequest$,
    { "xmlName": _it }
  ]
];
var InstanceStateChangeList = [
  1,
  n0,
  _ISCL,
  0,
  [
    () => InstanceStateChange$,
    { "xmlName": _it }
  ]
];
var InstanceTypeList = 64 | 0;
var InstanceTypes = 64 | 0;
var IpPermissionList = [
  1,
  n0,
  _IPLp,
  0,
  [
    () => IpPermission$,
    { "xmlName": _it }
  ]
];
var IpRangeList = [
  1,
  n0,
  _IRLp,
  0,
  [
    () => IpRange$,
    { "xmlName": _it }
  ]
];
var Ipv4PrefixList = [
  1,
  n0,
  _IPLpvr,
  0,
  [
    () => Ipv4PrefixSpecificationRequest$,
    { "xmlName": _it }
  ]
];
var Ipv6PrefixList = [
  1,
  n0,
  _IPLpvref,
  0,
  [
    () => Ipv6PrefixSpecificationRequest$,
    { "xmlName": _it }
  ]
];
var Ipv6RangeList = [
  1,
  n0,
  _IRLpv,
  0,
  [
    () => Ipv6Range$,
    { "xmlName": _it }
  ]
];
var LaunchPermissionList = [
  1,
  n0,
  _LPL,
  0,
  [
    () => LaunchPermission$,
    { "xmlName": _it }
  ]
];
var LicenseList = [
  1,
  n0,
  _LL,
  0,
  [
    () => LicenseConfiguration$,
    { "xmlName": _it }
  ]
];
var LicenseSpecificationListRequest = [
  1,
  n0,
  _LSLR,
  0,
  [
    () => LicenseConfigurationRequest$,
    { "xmlName": _it }
  ]
];
var LocalStorageTypeSet = [
  1,
  n0,
  _LSTS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var MetricCategoryIdList = [
  1,
  n0,
  _MCIL,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var NetworkInterfacePermissionIdList = 64 | 0;
var OrganizationalUnitArnStringList = [
  1,
  n0,
  _OUASL,
  0,
  [
    0,
    { "xmlName": _OUA }
  ]
];
var OrganizationArnStringList = [
  1,
  n0,
  _OASL,
  0,
  [
    0,
    { "xmlName": _OArg }
  ]
];
var OwnerStringList = [
  1,
  n0,
  _OSL,
  0,
  [
    0,
    { "xmlName": _Own }
  ]
];
var PerformanceFactorReferenceSetRequest = [
  1,
  n0,
  _PFRSR,
  0,
  [
    () => PerformanceFactorReferenceRequest$,
    { "xmlName": _it }
  ]
];
var PlacementGroupIdStringList = [
  1,
  n0,
  _PGISL,
  0,
  [
    0,
    { "xmlName": _GIr }
  ]
];
var PlacementGroupStringList = 64 | 0;
var PrefixListIdList = [
  1,
  n0,
  _PLIL,
  0,
  [
    () => PrefixListId$,
    { "xmlName": _it }
  ]
];
var PrivateIpAddressSpecificationList = [
  1,
  n0,
  _PIASL,
  0,
  [
    () => PrivateIpAddressSpecification$,
    { "xmlName": _it }
  ]
];
var ProductCodeList = [
  1,
  n0,
  _PCLr,
  0,
  [
    () => ProductCode$,
    { "xmlName": _it }
  ]
];
var ProductCodeStringList = [
  1,
  n0,
  _PCSL,
  0,
  [
    0,
    { "xmlName": _PCr }
  ]
];
var ProductDescriptionList = 64 | 0;
var RegionNames = 64 | 0;
var RequestInstanceTypeList = 64 | 0;
var ReservationList = [
  1,
  n0,
  _RLe,
  0,
  [
    () => Reservation$,
    { "xmlName": _it }
  ]
];
var ReservedInstancesOfferingIdStringList = 64 | 0;
var ResourceIdList = 64 | 0;
var ResourceTypeOptionList = [
  1,
  n0,
  _RTOL,
  0,
  [
    () => ResourceTypeOption$,
    0
  ]
];
var ResourceTypeOptionValuesList = 64 | 0;
var ResourceTypeRequestList = [
  1,
  n0,
  _RTRL,
  0,
  [
    () => ResourceTypeRequest$,
    0
  ]
];
var RestorableByStringList = 64 | 0;
var RouteServerEndpointIdsList = 64 | 0;
var RouteServerIdsList = 64 | 0;
var RouteServerPeerIdsList = 64 | 0;
var SecurityGroupIdStringList = [
  1,
  n0,
  _SGISL,
  0,
  [
    0,
    { "xmlName": _SGI }
  ]
];
var SecurityGroupList = [
  1,
  n0,
  _SGL,
  0,
  [
    () => SecurityGroup$,
    { "xmlName": _it }
  ]
];
var SecurityGroupRuleList = [
  1,
  n0,
  _SGRL,
  0,
  [
    () => SecurityGroupRule$,
    { "xmlName": _it }
  ]
];
var SecurityGroupStringList = [
  1,
  n0,
  _SGSL,
  0,
  [
    0,
    { "xmlName": _SGec }
  ]
];
var SnapshotIdStringList = [
  1,
  n0,
  _SISL,
  0,
  [
    0,
    { "xmlName": _SIn }
  ]
];
var SnapshotList = [
  1,
  n0,
  _SLn,
  0,
  [
    () => Snapshot$,
    { "xmlName": _it }
  ]
];
var SubnetIdStringList = [
  1,
  n0,
  _SISLu,
  0,
  [
    0,
    { "xmlName": _SIu }
  ]
];
var SubnetIpv6CidrBlockAssociationSet = [
  1,
  n0,
  _SICBAS,
  0,
  [
    () => SubnetIpv6CidrBlockAssociation$,
    { "xmlName": _it }
  ]
];
var SubnetList = [
  1,
  n0,
  _SLu,
  0,
  [
    () => Subnet$,
    { "xmlName": _it }
  ]
];
var SupportedInstanceTypeSet = [
  1,
  n0,
  _SITS,
  0,
  [
    () => InstanceTypeItem$,
    { "xmlName": _it }
  ]
];
var TagList = [
  1,
  n0,
  _TL,
  0,
  [
    () => Tag$,
    { "xmlName": _it }
  ]
];
var TagSpecificationList = [
  1,
  n0,
  _TSL,
  0,
  [
    () => TagSpecification$,
    { "xmlName": _it }
  ]
];
var TrafficMirrorFilterRuleFieldList = 64 | 0;
var TrafficMirrorSessionFieldList = 64 | 0;
var TransitGatewayAttachmentIdStringList = 64 | 0;
var UnsupportedInstanceTypeSet = [
  1,
  n0,
  _UITS,
  0,
  [
    () => InstanceTypeItem$,
    { "xmlName": _it }
  ]
];
var UserGroupStringList = [
  1,
  n0,
  _UGSL,
  0,
  [
    0,
    { "xmlName": _UGs }
  ]
];
var UserIdGroupPairList = [
  1,
  n0,
  _UIGPL,
  0,
  [
    () => UserIdGroupPair$,
    { "xmlName": _it }
  ]
];
var UserIdStringList = [
  1,
  n0,
  _UISL,
  0,
  [
    0,
    { "xmlName": _UI }
  ]
];
var ValueStringList = [
  1,
  n0,
  _VSL,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var VirtualizationTypeSet = [
  1,
  n0,
  _VTS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var VpcCidrBlockAssociationSet = [
  1,
  n0,
  _VCBAS,
  0,
  [
    () => VpcCidrBlockAssociation$,
    { "xmlName": _it }
  ]
];
var VpcIdStringList = [
  1,
  n0,
  _VISLp,
  0,
  [
    0,
    { "xmlName": _VI }
  ]
];
var VpcIpv6CidrBlockAssociationSet = [
  1,
  n0,
  _VICBAS,
  0,
  [
    () => VpcIpv6CidrBlockAssociation$,
    { "xmlName": _it }
  ]
];
var VpcList = [
  1,
  n0,
  _VLp,
  0,
  [
    () => Vpc$,
    { "xmlName": _it }
  ]
];
var AuthorizeSecurityGroupIngress$ = [
  9,
  n0,
  _ASGIu,
  0,
  () => AuthorizeSecurityGroupIngressRequest$,
  () => AuthorizeSecurityGroupIngressResult$
];
var CopyImage$ = [
  9,
  n0,
  _CIopy,
  0,
  () => CopyImageRequest$,
  () => CopyImageResult$
];
var CreateSecurityGroup$ = [
  9,
  n0,
  _CSG,
  0,
  () => CreateSecurityGroupRequest$,
  () => CreateSecurityGroupResult$
];
var DeleteSecurityGroup$ = [
  9,
  n0,
  _DSG,
  0,
  () => DeleteSecurityGroupRequest$,
  () => DeleteSecurityGroupResult$
];
var DeleteSnapshot$ = [
  9,
  n0,
  _DSele,
  0,
  () => DeleteSnapshotRequest$,
  () => __Unit
];
var DeregisterImage$ = [
  9,
  n0,
  _DIer,
  0,
  () => DeregisterImageRequest$,
  () => DeregisterImageResult$
];
var DescribeImages$ = [
  9,
  n0,
  _DIes,
  0,
  () => DescribeImagesRequest$,
  () => DescribeImagesResult$
];
var DescribeInstances$ = [
  9,
  n0,
  _DIesc,
  0,
  () => DescribeInstancesRequest$,
  () => DescribeInstancesResult$
];
var DescribeSecurityGroups$ = [
  9,
  n0,
  _DSGe,
  0,
  () => DescribeSecurityGroupsRequest$,
  () => DescribeSecurityGroupsResult$
];
var DescribeSnapshots$ = [
  9,
  n0,
  _DSes,
  0,
  () => DescribeSnapshotsRequest$,
  () => DescribeSnapshotsResult$
];
var DescribeSubnets$ = [
  9,
  n0,
  _DSesc,
  0,
  () => DescribeSubnetsRequest$,
  () => DescribeSubnetsResult$
];
var DescribeVpcs$ = [
  9,
  n0,
  _DVesc,
  0,
  () => DescribeVpcsRequest$,
  () => DescribeVpcsResult$
];
var EnableImageDeprecation$ = [
  9,
  n0,
  _EID,
  0,
  () => EnableImageDeprecationRequest$,
  () => EnableImageDeprecationResult$
];
var GetConsoleOutput$ = [
  9,
  n0,
  _GCO,
  0,
  () => GetConsoleOutputRequest$,
  () => GetConsoleOutputResult$
];
var GetImageBlockPublicAccessState$ = [
  9,
  n0,
  _GIBPAS,
  0,
  () => GetImageBlockPublicAccessStateRequest$,
  () => GetImageBlockPublicAccessStateResult$
];
var ModifyImageAttribute$ = [
  9,
  n0,
  _MIA,
  0,
  () => ModifyImageAttributeRequest$,
  () => __Unit
];
var ModifySnapshotAttribute$ = [
  9,
  n0,
  _MSA,
  0,
  () => ModifySnapshotAttributeRequest$,
  () => __Unit
];
var RegisterImage$ = [
  9,
  n0,
  _RIegi,
  0,
  () => RegisterImageRequest$,
  () => RegisterImageResult$
];
var RunInstances$ = [
  9,
  n0,
  _RIu,
  0,
  () => RunInstancesRequest$,
  () => Reservation$
];
var TerminateInstances$ = [
  9,
  n0,
  _TI,
  0,
  () => TerminateInstancesRequest$,
  () => TerminateInstancesResult$
];

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.shared.js
var getRuntimeConfig = /* @__PURE__ */ __name((config) => {
  return {
    apiVersion: "2016-11-15",
    base64Decoder: config?.base64Decoder ?? fromBase64,
    base64Encoder: config?.base64Encoder ?? toBase64,
    disableHostPrefix: config?.disableHostPrefix ?? false,
    endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
    extensions: config?.extensions ?? [],
    httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultEC2HttpAuthSchemeProvider,
    httpAuthSchemes: config?.httpAuthSchemes ?? [
      {
        schemeId: "aws.auth#sigv4",
        identityProvider: /* @__PURE__ */ __name((ipc) => ipc.getIdentityProvider("aws.auth#sigv4"), "identityProvider"),
        signer: new AwsSdkSigV4Signer()
      }
    ],
    logger: config?.logger ?? new NoOpLogger(),
    protocol: config?.protocol ?? AwsEc2QueryProtocol,
    protocolSettings: config?.protocolSettings ?? {
      defaultNamespace: "com.amazonaws.ec2",
      errorTypeRegistries,
      xmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15",
      version: "2016-11-15",
      serviceTarget: "AmazonEC2"
    },
    serviceId: config?.serviceId ?? "EC2",
    sha256: config?.sha256 ?? Sha256Node,
    urlParser: config?.urlParser ?? parseUrl,
    utf8Decoder: config?.utf8Decoder ?? fromUtf8,
    utf8Encoder: config?.utf8Encoder ?? toUtf8
  };
}, "getRuntimeConfig");

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.js
var getRuntimeConfig2 = /* @__PURE__ */ __name((config) => {
  emitWarningIfUnsupportedVersion2(process.version);
  const defaultsMode = resolveDefaultsModeConfig(config);
  const defaultConfigProvider = /* @__PURE__ */ __name(() => defaultsMode().then(loadConfigsForDefaultMode), "defaultConfigProvider");
  const clientSharedValues = getRuntimeConfig(config);
  emitWarningIfUnsupportedVersion(process.version);
  const loaderConfig = {
    profile: config?.profile,
    logger: clientSharedValues.logger
  };
  return {
    ...clientSharedValues,
    ...config,
    runtime: "node",
    defaultsMode,
    authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
    bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
    credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
    defaultSocketTimeout: getDefaultSocketTimeout(config?.requestHandler, 9e5),
    defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: package_default.version }),
    maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
    region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
    requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
    retryMode: config?.retryMode ?? loadConfig({
      ...NODE_RETRY_MODE_CONFIG_OPTIONS,
      default: /* @__PURE__ */ __name(async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE, "default")
    }, config),
    streamCollector: config?.streamCollector ?? streamCollector,
    useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
  };
}, "getRuntimeConfig");

// node_modules/@aws-sdk/client-ec2/dist-es/auth/httpAuthExtensionConfiguration.js
var getHttpAuthExtensionConfiguration = /* @__PURE__ */ __name((runtimeConfig) => {
  const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
  let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
  let _credentials = runtimeConfig.credentials;
  return {
    setHttpAuthScheme(httpAuthScheme) {
      const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
      if (index === -1) {
        _httpAuthSchemes.push(httpAuthScheme);
      } else {
        _httpAuthSchemes.splice(index, 1, httpAuthScheme);
      }
    },
    httpAuthSchemes() {
      return _httpAuthSchemes;
    },
    setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
      _httpAuthSchemeProvider = httpAuthSchemeProvider;
    },
    httpAuthSchemeProvider() {
      return _httpAuthSchemeProvider;
    },
    setCredentials(credentials) {
      _credentials = credentials;
    },
    credentials() {
      return _credentials;
    }
  };
}, "getHttpAuthExtensionConfiguration");
var resolveHttpAuthRuntimeConfig = /* @__PURE__ */ __name((config) => {
  return {
    httpAuthSchemes: config.httpAuthSchemes(),
    httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
    credentials: config.credentials()
  };
}, "resolveHttpAuthRuntimeConfig");

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeExtensions.js
var resolveRuntimeExtensions = /* @__PURE__ */ __name((runtimeConfig, extensions) => {
  const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
  extensions.forEach((extension) => extension.configure(extensionConfiguration));
  return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
}, "resolveRuntimeExtensions");

// node_modules/@aws-sdk/client-ec2/dist-es/EC2Client.js
var EC2Client = class extends Client {
  static {
    __name(this, "EC2Client");
  }
  config;
  constructor(...[configuration]) {
    const _config_0 = getRuntimeConfig2(configuration || {});
    super(_config_0);
    this.initConfig = _config_0;
    const _config_1 = resolveClientEndpointParameters(_config_0);
    const _config_2 = resolveUserAgentConfig(_config_1);
    const _config_3 = resolveRetryConfig(_config_2);
    const _config_4 = resolveRegionConfig(_config_3);
    const _config_5 = resolveHostHeaderConfig(_config_4);
    const _config_6 = resolveEndpointConfig(_config_5);
    const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
    const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
    this.config = _config_8;
    this.middlewareStack.use(getSchemaSerdePlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    this.middlewareStack.use(getRetryPlugin(this.config));
    this.middlewareStack.use(getContentLengthPlugin(this.config));
    this.middlewareStack.use(getHostHeaderPlugin(this.config));
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
    this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
      httpAuthSchemeParametersProvider: defaultEC2HttpAuthSchemeParametersProvider,
      identityProviderConfigProvider: /* @__PURE__ */ __name(async (config) => new DefaultIdentityProviderConfig({
        "aws.auth#sigv4": config.credentials
      }), "identityProviderConfigProvider")
    }));
    this.middlewareStack.use(getHttpSigningPlugin(this.config));
  }
  destroy() {
    super.destroy();
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commandBuilder.js
var command = makeBuilder(commonParams, "AmazonEC2", "EC2Client", getEndpointPlugin);
var _ep0 = {};
var _mw0 = /* @__PURE__ */ __name((Command, cs, config, o) => [], "_mw0");

// node_modules/@aws-sdk/client-ec2/dist-es/commands/AuthorizeSecurityGroupIngressCommand.js
var AuthorizeSecurityGroupIngressCommand = class extends command(_ep0, _mw0, "AuthorizeSecurityGroupIngress", AuthorizeSecurityGroupIngress$) {
  static {
    __name(this, "AuthorizeSecurityGroupIngressCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/CopyImageCommand.js
var CopyImageCommand = class extends command(_ep0, _mw0, "CopyImage", CopyImage$) {
  static {
    __name(this, "CopyImageCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/CreateSecurityGroupCommand.js
var CreateSecurityGroupCommand = class extends command(_ep0, _mw0, "CreateSecurityGroup", CreateSecurityGroup$) {
  static {
    __name(this, "CreateSecurityGroupCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteSecurityGroupCommand.js
var DeleteSecurityGroupCommand = class extends command(_ep0, _mw0, "DeleteSecurityGroup", DeleteSecurityGroup$) {
  static {
    __name(this, "DeleteSecurityGroupCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DeleteSnapshotCommand.js
var DeleteSnapshotCommand = class extends command(_ep0, _mw0, "DeleteSnapshot", DeleteSnapshot$) {
  static {
    __name(this, "DeleteSnapshotCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DeregisterImageCommand.js
var DeregisterImageCommand = class extends command(_ep0, _mw0, "DeregisterImage", DeregisterImage$) {
  static {
    __name(this, "DeregisterImageCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeImagesCommand.js
var DescribeImagesCommand = class extends command(_ep0, _mw0, "DescribeImages", DescribeImages$) {
  static {
    __name(this, "DescribeImagesCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeInstancesCommand.js
var DescribeInstancesCommand = class extends command(_ep0, _mw0, "DescribeInstances", DescribeInstances$) {
  static {
    __name(this, "DescribeInstancesCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeSecurityGroupsCommand.js
var DescribeSecurityGroupsCommand = class extends command(_ep0, _mw0, "DescribeSecurityGroups", DescribeSecurityGroups$) {
  static {
    __name(this, "DescribeSecurityGroupsCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeSnapshotsCommand.js
var DescribeSnapshotsCommand = class extends command(_ep0, _mw0, "DescribeSnapshots", DescribeSnapshots$) {
  static {
    __name(this, "DescribeSnapshotsCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeSubnetsCommand.js
var DescribeSubnetsCommand = class extends command(_ep0, _mw0, "DescribeSubnets", DescribeSubnets$) {
  static {
    __name(this, "DescribeSubnetsCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeVpcsCommand.js
var DescribeVpcsCommand = class extends command(_ep0, _mw0, "DescribeVpcs", DescribeVpcs$) {
  static {
    __name(this, "DescribeVpcsCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/EnableImageDeprecationCommand.js
var EnableImageDeprecationCommand = class extends command(_ep0, _mw0, "EnableImageDeprecation", EnableImageDeprecation$) {
  static {
    __name(this, "EnableImageDeprecationCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/GetConsoleOutputCommand.js
var GetConsoleOutputCommand = class extends command(_ep0, _mw0, "GetConsoleOutput", GetConsoleOutput$) {
  static {
    __name(this, "GetConsoleOutputCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/GetImageBlockPublicAccessStateCommand.js
var GetImageBlockPublicAccessStateCommand = class extends command(_ep0, _mw0, "GetImageBlockPublicAccessState", GetImageBlockPublicAccessState$) {
  static {
    __name(this, "GetImageBlockPublicAccessStateCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/ModifyImageAttributeCommand.js
var ModifyImageAttributeCommand = class extends command(_ep0, _mw0, "ModifyImageAttribute", ModifyImageAttribute$) {
  static {
    __name(this, "ModifyImageAttributeCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/ModifySnapshotAttributeCommand.js
var ModifySnapshotAttributeCommand = class extends command(_ep0, _mw0, "ModifySnapshotAttribute", ModifySnapshotAttribute$) {
  static {
    __name(this, "ModifySnapshotAttributeCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/RegisterImageCommand.js
var RegisterImageCommand = class extends command(_ep0, _mw0, "RegisterImage", RegisterImage$) {
  static {
    __name(this, "RegisterImageCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/RunInstancesCommand.js
var RunInstancesCommand = class extends command(_ep0, _mw0, "RunInstances", RunInstances$) {
  static {
    __name(this, "RunInstancesCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/TerminateInstancesCommand.js
var TerminateInstancesCommand = class extends command(_ep0, _mw0, "TerminateInstances", TerminateInstances$) {
  static {
    __name(this, "TerminateInstancesCommand");
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/pagination/DescribeImagesPaginator.js
var paginateDescribeImages = createPaginator(EC2Client, DescribeImagesCommand, "NextToken", "NextToken", "MaxResults");

// node_modules/@aws-sdk/client-ec2/dist-es/pagination/DescribeInstancesPaginator.js
var paginateDescribeInstances = createPaginator(EC2Client, DescribeInstancesCommand, "NextToken", "NextToken", "MaxResults");

// node_modules/@aws-sdk/client-ec2/dist-es/pagination/DescribeSecurityGroupsPaginator.js
var paginateDescribeSecurityGroups = createPaginator(EC2Client, DescribeSecurityGroupsCommand, "NextToken", "NextToken", "MaxResults");

// node_modules/@aws-sdk/client-ec2/dist-es/pagination/DescribeSnapshotsPaginator.js
var paginateDescribeSnapshots = createPaginator(EC2Client, DescribeSnapshotsCommand, "NextToken", "NextToken", "MaxResults");

// src/cloud/aws/errors.ts
var EBS_OPERATIONS = ["StartSnapshot", "PutSnapshotBlock", "CompleteSnapshot"];
var KMS_OPERATIONS = ["DescribeKey"];
var TAGS_ON_CREATE = /* @__PURE__ */ new Set([
  "StartSnapshot",
  "RegisterImage",
  "CopyImage",
  "CreateSecurityGroup",
  "AuthorizeSecurityGroupIngress",
  "RunInstances"
]);
var POLICY_HINT = "nanoship's docs/aws.md lists the policies";
function iamActions(operation) {
  const service = EBS_OPERATIONS.includes(operation) ? "ebs" : KMS_OPERATIONS.includes(operation) ? "kms" : "ec2";
  const own = `${service}:${operation}`;
  return TAGS_ON_CREATE.has(operation) ? [own, "ec2:CreateTags"] : [own];
}
__name(iamActions, "iamActions");
function awsErrorCode(error) {
  if (typeof error !== "object" || error === null) return void 0;
  const candidate = error;
  if (typeof candidate.Code === "string") return candidate.Code;
  if (candidate.$fault !== void 0 && typeof candidate.name === "string") return candidate.name;
  if (candidate.name === "CredentialsProviderError") return candidate.name;
  return void 0;
}
__name(awsErrorCode, "awsErrorCode");
function ebsReason(error) {
  const reason = error?.Reason;
  return typeof reason === "string" ? reason : void 0;
}
__name(ebsReason, "ebsReason");
function isAbort(error) {
  return error?.name === "AbortError";
}
__name(isAbort, "isAbort");
var DENIED = /* @__PURE__ */ new Set([
  "UnauthorizedOperation",
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedAccess"
]);
var BAD_CREDENTIALS = /* @__PURE__ */ new Set([
  "AuthFailure",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidSignatureException"
]);
var EXPIRED = /* @__PURE__ */ new Set(["ExpiredToken", "ExpiredTokenException", "RequestExpired"]);
function hintFor(code, error, site) {
  const own = site.hints?.[code];
  if (own !== void 0) return own;
  if (DENIED.has(code)) {
    const actions = iamActions(site.operation).join(" and ");
    const kms = ebsReason(error) === "DEPENDENCY_ACCESS_DENIED" ? ", or may not use the KMS key" : "";
    return `The credentials lack ${actions}${kms}: grant them to the role (${POLICY_HINT}).`;
  }
  if (code === "CredentialsProviderError") {
    return "No AWS credentials were found: run aws-actions/configure-aws-credentials (role-to-assume, with id-token: write) before nanoship, or set AWS_PROFILE.";
  }
  if (BAD_CREDENTIALS.has(code)) {
    return "The credentials were not accepted: check the role that configure-aws-credentials assumed and the region.";
  }
  if (EXPIRED.has(code)) {
    return "The role's session ended: raise role-duration-seconds of configure-aws-credentials for long publishes (copies to many regions).";
  }
  if (code === "OptInRequired") {
    return `Region ${site.region} is not enabled for this account: enable it, or choose another region.`;
  }
  if (/LimitExceeded|QuotaExceeded/.test(code) && !/^Request/.test(code)) {
    return "An account quota is reached: delete unused images and snapshots (aws-keep does for nanoship\u2019s own) or ask AWS for a higher quota.";
  }
  if (/Throttl|RequestLimitExceeded/.test(code)) {
    return "AWS kept throttling after retries: run again later, or publish fewer images at once.";
  }
  return void 0;
}
__name(hintFor, "hintFor");
var oneLine = /* @__PURE__ */ __name((text) => text.replace(/\s+/g, " ").trim(), "oneLine");
function awsFailure(error, site) {
  if (error instanceof UserError) return error;
  const where = `in ${site.region}${site.subject ? ` for ${site.subject}` : ""}`;
  const name = iamActions(site.operation)[0];
  if (isAbort(error)) {
    return new UserError(`AWS work was cancelled during ${name} ${where}.`, {
      cause: error
    });
  }
  const code = awsErrorCode(error);
  if (code === void 0) {
    const network = error instanceof Error && ("code" in error && typeof error.code === "string" || error.name === "TimeoutError");
    if (network) {
      return new UserError(
        `AWS ${name} ${where} failed on the network: ${oneLine(errorMessage(error))}. Check the runner's connection to AWS (or AWS_ENDPOINT_URL).`,
        { cause: error }
      );
    }
    return error instanceof Error ? error : new Error(errorMessage(error));
  }
  const verb = DENIED.has(code) ? "refused" : "failed";
  const hint = hintFor(code, error, site);
  const said = oneLine(errorMessage(error));
  const detail = /[.!?]$/.test(said) || said === "" ? said : `${said}.`;
  const reason = ebsReason(error);
  return new UserError(
    `AWS ${verb} ${name} ${where}: ${code}${reason ? ` (${reason})` : ""}: ${detail}${hint ? ` ${hint}` : ""}`,
    { cause: error }
  );
}
__name(awsFailure, "awsFailure");
async function callAws(site, call) {
  try {
    return await call();
  } catch (error) {
    throw awsFailure(error, site);
  }
}
__name(callAws, "callAws");

// src/cloud/aws/images.ts
function tagRecord(tags) {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}
__name(tagRecord, "tagRecord");
function tagList(tags) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
__name(tagList, "tagList");
function summarizeImage(image) {
  const mappings = image.BlockDeviceMappings ?? [];
  const root4 = mappings.filter((m) => m.DeviceName === image.RootDeviceName);
  const rest = mappings.filter((m) => m.DeviceName !== image.RootDeviceName);
  const snapshotIds = [...root4, ...rest].map((m) => m.Ebs?.SnapshotId).filter((id) => id !== void 0);
  return {
    imageId: image.ImageId ?? "",
    name: image.Name ?? "",
    state: image.State ?? "unknown",
    creationDate: image.CreationDate ?? "",
    snapshotIds,
    encrypted: root4.some((m) => m.Ebs?.Encrypted === true),
    tags: tagRecord(image.Tags)
  };
}
__name(summarizeImage, "summarizeImage");
function identityFilters(identity, digest) {
  const pairs = [
    [TagKeys.managed, "true"],
    [TagKeys.image, identity.image],
    [TagKeys.channel, identity.channel],
    [TagKeys.repoId, identity.repoId],
    [TagKeys.repo, identity.repoId === void 0 ? identity.repo : void 0],
    [TagKeys.digest, digest]
  ];
  return pairs.filter((pair) => pair[1] !== void 0).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
}
__name(identityFilters, "identityFilters");
function belongsTo(tags, identity) {
  return tags[TagKeys.managed] === "true" && tags[TagKeys.image] === identity.image && tags[TagKeys.channel] === identity.channel && tags[TagKeys.repoId] === identity.repoId && (identity.repoId !== void 0 || tags[TagKeys.repo] === identity.repo);
}
__name(belongsTo, "belongsTo");
async function listOwnImages(ec2, region, filters, signal) {
  const images = [];
  await callAws({ operation: "DescribeImages", region }, async () => {
    const pages = paginateDescribeImages(
      { client: ec2, pageSize: 1e3 },
      { Owners: ["self"], Filters: filters, IncludeDeprecated: true, IncludeDisabled: true },
      { abortSignal: signal }
    );
    for await (const page of pages) images.push(...(page.Images ?? []).map(summarizeImage));
  });
  return images.sort((a4, b4) => b4.creationDate.localeCompare(a4.creationDate));
}
__name(listOwnImages, "listOwnImages");
async function listOwnSnapshots(ec2, region, filters, signal) {
  const snapshots = [];
  await callAws({ operation: "DescribeSnapshots", region }, async () => {
    const pages = paginateDescribeSnapshots(
      { client: ec2, pageSize: 1e3 },
      { OwnerIds: ["self"], Filters: filters },
      { abortSignal: signal }
    );
    for await (const page of pages) snapshots.push(...page.Snapshots ?? []);
  });
  const time = /* @__PURE__ */ __name((s) => s.StartTime?.getTime() ?? 0, "time");
  return snapshots.sort((a4, b4) => time(b4) - time(a4));
}
__name(listOwnSnapshots, "listOwnSnapshots");
function encryptionMatches(encrypted, kmsKeyId) {
  return kmsKeyId === void 0 || encrypted;
}
__name(encryptionMatches, "encryptionMatches");
async function findPublishedImage(ec2, region, identity, digest, options) {
  const candidates = (await listOwnImages(ec2, region, identityFilters(identity, digest), options.signal)).filter(
    (image) => belongsTo(image.tags, identity) && image.tags[TagKeys.digest] === digest && encryptionMatches(image.encrypted, options.kmsKeyId)
  );
  return candidates.find((image) => image.state === "available") ?? candidates.find((image) => image.state === "pending");
}
__name(findPublishedImage, "findPublishedImage");
async function findOrphanSnapshot(ec2, region, identity, digest, options) {
  const filters = [...identityFilters(identity, digest), { Name: "status", Values: ["completed"] }];
  const snapshots = await listOwnSnapshots(ec2, region, filters, options.signal);
  for (const snapshot of snapshots) {
    const tags = tagRecord(snapshot.Tags);
    if (snapshot.State !== "completed" || snapshot.SnapshotId === void 0 || !belongsTo(tags, identity) || tags[TagKeys.digest] !== digest || !encryptionMatches(snapshot.Encrypted === true, options.kmsKeyId)) {
      continue;
    }
    const users = await listOwnImages(
      ec2,
      region,
      [{ Name: "block-device-mapping.snapshot-id", Values: [snapshot.SnapshotId] }],
      options.signal
    );
    if (users.length === 0) return snapshot.SnapshotId;
  }
  return void 0;
}
__name(findOrphanSnapshot, "findOrphanSnapshot");
async function findImageByName(ec2, region, name, signal) {
  return (await listOwnImages(ec2, region, [{ Name: "name", Values: [name] }], signal))[0];
}
__name(findImageByName, "findImageByName");
async function describeImage(ec2, region, imageId, signal) {
  const out = await callAws(
    { operation: "DescribeImages", region, subject: imageId },
    () => ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }), { abortSignal: signal }).catch((error) => {
      if (error.name === "InvalidAMIID.NotFound") return { Images: [] };
      throw error;
    })
  );
  const image = out.Images?.find((i4) => i4.ImageId === imageId);
  return image ? summarizeImage(image) : void 0;
}
__name(describeImage, "describeImage");

// src/cloud/aws/wait.ts
var SNAPSHOT_SEAL_WAIT = {
  deadlineMs: 15 * 6e4,
  intervalMs: /* @__PURE__ */ __name((elapsed) => elapsed < 6e4 ? 3e3 : 1e4, "intervalMs"),
  successes: 2
};
var IMAGE_AVAILABLE_WAIT = {
  deadlineMs: 10 * 6e4,
  intervalMs: /* @__PURE__ */ __name((elapsed) => elapsed < 6e4 ? 5e3 : 15e3, "intervalMs"),
  successes: 1
};
var COPY_AVAILABLE_WAIT = {
  deadlineMs: 45 * 6e4,
  intervalMs: /* @__PURE__ */ __name((elapsed) => elapsed < 6e4 ? 5e3 : 15e3, "intervalMs"),
  successes: 1
};
async function waitFor(what, poll, policy, context) {
  const { timing } = context;
  const started = timing.clock();
  let streak = 0;
  let last = "not visible yet";
  for (; ; ) {
    const outcome = await poll();
    if (outcome.kind === "failed") throw new UserError(`${what} ${outcome.message}`);
    if (outcome.kind === "done") {
      streak++;
      if (streak >= policy.successes) return outcome.value;
    } else {
      streak = 0;
      if (outcome.kind === "pending" && outcome.status !== last) {
        context.logger.info(`${what}: ${outcome.status}`);
      }
      last = outcome.kind === "pending" ? outcome.status : "not visible yet";
    }
    const elapsed = timing.clock() - started;
    if (elapsed >= policy.deadlineMs) {
      throw new UserError(
        `${what} was not ready after ${Math.round(policy.deadlineMs / 6e4)} min (last seen: ${last}). AWS may be slow in this region: run again later.`
      );
    }
    await timing.sleep(policy.intervalMs(elapsed), context.signal);
  }
}
__name(waitFor, "waitFor");
function isTransient(error) {
  const failure = error;
  const status = failure.$metadata?.httpStatusCode;
  const code = awsErrorCode(error);
  if (code === void 0)
    return typeof failure.code === "string" || failure.name === "TimeoutError";
  return status !== void 0 && status >= 500 || /Throttl|RequestLimitExceeded/.test(code);
}
__name(isTransient, "isTransient");
function waitForSnapshot(ec2, region, snapshotId, context, policy = SNAPSHOT_SEAL_WAIT) {
  const poll = /* @__PURE__ */ __name(async () => {
    let snapshot;
    try {
      const out = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }), {
        abortSignal: context.signal
      });
      snapshot = out.Snapshots?.find((s) => s.SnapshotId === snapshotId);
    } catch (error) {
      if (awsErrorCode(error) === "InvalidSnapshot.NotFound") return { kind: "missing" };
      if (isTransient(error)) return { kind: "pending", status: `describe failed, retrying` };
      throw awsFailure(error, { operation: "DescribeSnapshots", region, subject: snapshotId });
    }
    if (snapshot === void 0) return { kind: "missing" };
    if (snapshot.State === "completed") return { kind: "done", value: snapshot };
    if (snapshot.State === "error") {
      return {
        kind: "failed",
        message: `went to state error: ${snapshot.StateMessage || "AWS gave no reason"}. Run again; if it repeats, check the KMS key (aws-kms-key-id) and the account's EBS quotas.`
      };
    }
    return { kind: "pending", status: `${snapshot.State ?? "unknown"} ${snapshot.Progress ?? ""}` };
  }, "poll");
  return waitFor(`Snapshot ${snapshotId} in ${region}`, poll, policy, context);
}
__name(waitForSnapshot, "waitForSnapshot");
var DEAD_IMAGE_STATES = /* @__PURE__ */ new Set(["failed", "error", "invalid", "deregistered", "disabled"]);
function waitForImage(ec2, region, imageId, context, policy = IMAGE_AVAILABLE_WAIT) {
  const poll = /* @__PURE__ */ __name(async () => {
    let image;
    try {
      const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }), {
        abortSignal: context.signal
      });
      image = out.Images?.find((i4) => i4.ImageId === imageId);
    } catch (error) {
      if (awsErrorCode(error) === "InvalidAMIID.NotFound") return { kind: "missing" };
      if (isTransient(error)) return { kind: "pending", status: `describe failed, retrying` };
      throw awsFailure(error, { operation: "DescribeImages", region, subject: imageId });
    }
    if (image === void 0) return { kind: "missing" };
    if (image.State === "available") return { kind: "done", value: image };
    if (DEAD_IMAGE_STATES.has(image.State ?? "")) {
      const reason = image.StateReason;
      return {
        kind: "failed",
        message: `went to state ${image.State}: ${reason?.Code ?? "no code"}: ${reason?.Message ?? "AWS gave no reason"}.`
      };
    }
    return { kind: "pending", status: image.State ?? "unknown" };
  }, "poll");
  return waitFor(`AMI ${imageId} in ${region}`, poll, policy, context);
}
__name(waitForImage, "waitForImage");

// src/cloud/aws/instances.ts
var INSTANCE_RUNNING_WAIT = {
  deadlineMs: 5 * 6e4,
  intervalMs: /* @__PURE__ */ __name((elapsed) => elapsed < 6e4 ? 3e3 : 1e4, "intervalMs"),
  successes: 1
};
var INSTANCE_TERMINATED_WAIT = {
  deadlineMs: 10 * 6e4,
  intervalMs: /* @__PURE__ */ __name((elapsed) => elapsed < 6e4 ? 3e3 : 1e4, "intervalMs"),
  successes: 1
};
function defaultInstanceType(arch) {
  return arch === "aarch64" ? "t4g.micro" : "t3.micro";
}
__name(defaultInstanceType, "defaultInstanceType");
function isBurstable(instanceType) {
  return /^t\d[a-z]*\./.test(instanceType);
}
__name(isBurstable, "isBurstable");
function runInstancesInput(spec) {
  const tags = tagList(spec.tags);
  const network = spec.subnetId === void 0 ? { SecurityGroupIds: [spec.groupId] } : {
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        SubnetId: spec.subnetId,
        Groups: [spec.groupId],
        AssociatePublicIpAddress: true,
        DeleteOnTermination: true
      }
    ]
  };
  return {
    ImageId: spec.imageId,
    InstanceType: spec.instanceType,
    MinCount: 1,
    MaxCount: 1,
    ClientToken: spec.clientToken,
    ...network,
    TagSpecifications: ["instance", "volume", "network-interface"].map((ResourceType) => ({
      ResourceType,
      Tags: tags
    })),
    MetadataOptions: {
      HttpEndpoint: "enabled",
      HttpTokens: spec.requireImdsV2 ? "required" : "optional"
    },
    // A Nanos program that exits powers the VM off: terminate, so nothing stopped bills EBS.
    InstanceInitiatedShutdownBehavior: "terminate",
    ...isBurstable(spec.instanceType) ? { CreditSpecification: { CpuCredits: "standard" } } : {}
  };
}
__name(runInstancesInput, "runInstancesInput");
function runInstancesHints(spec, region) {
  const type = spec.instanceType;
  const elsewhere = "or another subnet (aws-subnet-id) in another Availability Zone";
  return {
    InsufficientInstanceCapacity: `AWS has no ${type} capacity left in that Availability Zone right now: run again later, or choose another instance type (preview-instance-type) ${elsewhere}.`,
    Unsupported: `${type} is not offered in that Availability Zone: choose another instance type (preview-instance-type) ${elsewhere}.`,
    VcpuLimitExceeded: `The account's vCPU quota for on-demand instances in ${region} is used up: terminate instances you do not need, or ask for a higher "Running On-Demand Standard instances" quota in Service Quotas.`,
    InvalidParameterCombination: `If AWS names ENA: ${spec.imageId} lacks ENA support, which every Nitro type (t3, t4g, m5, \u2026) needs; publish it again with nanoship (it registers AMIs with EnaSupport) or choose a Xen type such as t2.micro (preview-instance-type).`,
    "InvalidAMIID.NotFound": `The AMI ${spec.imageId} is not in ${region}: previews launch in the home region (aws-region), where the AMI was published.`,
    IdempotentParameterMismatch: "This run attempt already launched a preview instance that is no longer running: re-run the workflow, whose new attempt launches a new one."
  };
}
__name(runInstancesHints, "runInstancesHints");
async function runInstance(ec2, region, spec, signal) {
  const site = {
    operation: "RunInstances",
    region,
    subject: `${spec.imageId} (${spec.instanceType})`,
    hints: runInstancesHints(spec, region)
  };
  let out;
  try {
    out = await ec2.send(new RunInstancesCommand(runInstancesInput(spec)), {
      abortSignal: signal
    });
  } catch (error) {
    if (awsErrorCode(error) === "IdempotentParameterMismatch") {
      const earlier = await liveInstanceWithToken(ec2, region, spec.clientToken, signal);
      if (earlier !== void 0) return { instanceId: earlier, reused: true };
    }
    throw awsFailure(error, site);
  }
  const id = out.Instances?.[0]?.InstanceId;
  if (id === void 0) throw new Error("RunInstances returned no instance");
  return { instanceId: id, reused: false };
}
__name(runInstance, "runInstance");
async function liveInstanceWithToken(ec2, region, clientToken2, signal) {
  const out = await callAws(
    { operation: "DescribeInstances", region, subject: clientToken2 },
    () => ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: "client-token", Values: [clientToken2] },
          { Name: "instance-state-name", Values: ["pending", "running"] }
        ]
      }),
      { abortSignal: signal }
    )
  );
  return out.Reservations?.flatMap((r4) => r4.Instances ?? [])[0]?.InstanceId;
}
__name(liveInstanceWithToken, "liveInstanceWithToken");
async function describeInstance(ec2, region, instanceId, signal) {
  try {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }), {
      abortSignal: signal
    });
    return out.Reservations?.flatMap((r4) => r4.Instances ?? []).find(
      (i4) => i4.InstanceId === instanceId
    );
  } catch (error) {
    if (awsErrorCode(error) === "InvalidInstanceID.NotFound") return void 0;
    throw awsFailure(error, { operation: "DescribeInstances", region, subject: instanceId });
  }
}
__name(describeInstance, "describeInstance");
var GONE_STATES = /* @__PURE__ */ new Set(["shutting-down", "terminated", "stopping", "stopped"]);
function stateReasonText(instance) {
  const code = instance.StateReason?.Code ?? "no code";
  const message = instance.StateReason?.Message ?? "AWS gave no reason";
  const hint = code === "Client.InstanceInitiatedShutdown" ? " The program exited (or the kernel stopped) right after boot: the console output shows why." : /InsufficientInstanceCapacity/.test(code) ? " AWS ran out of capacity for the type: run again later or choose another instance type." : /VolumeLimitExceeded|InternalError/.test(code) ? " Run again; if it repeats, check the account quotas and the AMI." : "";
  return `${code}: ${message}.${hint}`;
}
__name(stateReasonText, "stateReasonText");
function waitForRunning(ec2, region, instanceId, context, policy = INSTANCE_RUNNING_WAIT) {
  const poll = /* @__PURE__ */ __name(async () => {
    const instance = await describeInstance(ec2, region, instanceId, context.signal);
    if (instance === void 0) return { kind: "missing" };
    const state = instance.State?.Name ?? "unknown";
    if (GONE_STATES.has(state)) {
      return { kind: "failed", message: `went to state ${state}: ${stateReasonText(instance)}` };
    }
    if (state !== "running") return { kind: "pending", status: state };
    const address = instance.PublicIpAddress;
    if (address === void 0 || address === "") {
      return {
        kind: "failed",
        message: `is running but has no public IPv4 address (subnet ${instance.SubnetId ?? "unknown"}): previews need one to be reached; choose a subnet with a route to an internet gateway (aws-subnet-id).`
      };
    }
    return { kind: "done", value: { ...instance, PublicIpAddress: address } };
  }, "poll");
  return waitFor(`Instance ${instanceId} in ${region}`, poll, policy, context);
}
__name(waitForRunning, "waitForRunning");
async function terminateInstances(ec2, region, instanceIds, signal) {
  for (const instanceId of instanceIds) {
    await callAws(
      { operation: "TerminateInstances", region, subject: instanceId },
      () => ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }), { abortSignal: signal }).catch((error) => {
        if (awsErrorCode(error) !== "InvalidInstanceID.NotFound") throw error;
      })
    );
  }
}
__name(terminateInstances, "terminateInstances");
async function waitForTerminated(ec2, region, instanceId, context, policy = INSTANCE_TERMINATED_WAIT) {
  const poll = /* @__PURE__ */ __name(async () => {
    const instance = await describeInstance(ec2, region, instanceId, context.signal);
    const state = instance?.State?.Name ?? "terminated";
    return state === "terminated" ? { kind: "done", value: void 0 } : { kind: "pending", status: state };
  }, "poll");
  await waitFor(`Instance ${instanceId} in ${region}`, poll, policy, context);
}
__name(waitForTerminated, "waitForTerminated");
var LIVE_STATES = ["pending", "running", "stopping", "stopped"];
async function listInstances(ec2, region, filters, signal, states = LIVE_STATES) {
  const instances = [];
  await callAws({ operation: "DescribeInstances", region }, async () => {
    const pages = paginateDescribeInstances(
      { client: ec2, pageSize: 1e3 },
      { Filters: [...filters, { Name: "instance-state-name", Values: states }] },
      { abortSignal: signal }
    );
    for await (const page of pages) {
      for (const reservation of page.Reservations ?? []) {
        instances.push(...reservation.Instances ?? []);
      }
    }
  });
  return instances;
}
__name(listInstances, "listInstances");
var LATEST_REFUSED = /* @__PURE__ */ new Set([
  "UnsupportedOperation",
  "Unsupported",
  "InvalidParameterValue",
  "InvalidParameterCombination",
  "InvalidParameter"
]);
async function readConsole(ec2, region, instanceId, signal) {
  const site = { operation: "GetConsoleOutput", region, subject: instanceId };
  let output;
  try {
    const out = await ec2.send(
      new GetConsoleOutputCommand({ InstanceId: instanceId, Latest: true }),
      {
        abortSignal: signal
      }
    );
    output = out.Output;
  } catch (error) {
    if (!LATEST_REFUSED.has(awsErrorCode(error) ?? "")) throw awsFailure(error, site);
    const out = await callAws(
      site,
      () => ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId }), { abortSignal: signal })
    );
    output = out.Output;
  }
  return Buffer.from(output ?? "", "base64").toString("utf8");
}
__name(readConsole, "readConsole");

// src/cloud/aws/security-groups.ts
async function findNetwork(ec2, region, subnetId, signal) {
  if (subnetId !== void 0) {
    const out2 = await callAws(
      { operation: "DescribeSubnets", region, subject: subnetId },
      () => ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }), { abortSignal: signal })
    );
    const vpcId2 = out2.Subnets?.find((s) => s.SubnetId === subnetId)?.VpcId;
    if (vpcId2 === void 0) {
      throw new UserError(`Subnet ${subnetId} (aws-subnet-id) was not found in ${region}.`);
    }
    return { vpcId: vpcId2, subnetId };
  }
  const out = await callAws(
    { operation: "DescribeVpcs", region },
    () => ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: "is-default", Values: ["true"] }] }), {
      abortSignal: signal
    })
  );
  const vpcId = out.Vpcs?.find((v) => v.IsDefault)?.VpcId;
  if (vpcId === void 0) {
    throw new UserError(
      `${region} has no default VPC, and no subnet was given: set aws-subnet-id to a subnet of the VPC previews should run in (one that can reach the internet).`
    );
  }
  return { vpcId };
}
__name(findNetwork, "findNetwork");
async function createSecurityGroup(ec2, region, request, signal) {
  try {
    const out = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: request.name,
        Description: `nanoship preview of pull request #${request.pr} (only the preview ports)`,
        VpcId: request.vpcId,
        TagSpecifications: [{ ResourceType: "security-group", Tags: tagList(request.tags) }]
      }),
      { abortSignal: signal }
    );
    if (out.GroupId === void 0) throw new Error("CreateSecurityGroup returned no GroupId");
    return { groupId: out.GroupId, reused: false };
  } catch (error) {
    if (awsErrorCode(error) !== "InvalidGroup.Duplicate") {
      throw awsFailure(error, { operation: "CreateSecurityGroup", region, subject: request.name });
    }
  }
  const found = await describeGroups(ec2, region, [
    { Name: "group-name", Values: [request.name] },
    { Name: "vpc-id", Values: [request.vpcId] }
  ]);
  const same = found.find(
    (g4) => g4.tags[TagKeys.managed] === "true" && g4.tags[TagKeys.repoId] === request.repoId && g4.tags[TagKeys.pr] === String(request.pr)
  );
  if (same === void 0) {
    throw new UserError(
      `A security group named ${request.name} already exists in ${request.vpcId} (${region}) and is not this repository's preview of PR #${request.pr}: delete or rename it.`
    );
  }
  return { groupId: same.groupId, reused: true };
}
__name(createSecurityGroup, "createSecurityGroup");
async function openPorts(ec2, region, groupId, ports, cidrs, tags, signal) {
  if (ports.length === 0) return;
  const world = cidrs.includes("0.0.0.0/0");
  const permissions = [...new Set(ports)].map((port) => ({
    IpProtocol: "tcp",
    FromPort: port,
    ToPort: port,
    IpRanges: cidrs.map((CidrIp) => ({ CidrIp, Description: `nanoship preview port ${port}` })),
    ...world ? { Ipv6Ranges: [{ CidrIpv6: "::/0", Description: `nanoship preview port ${port}` }] } : {}
  }));
  await callAws(
    { operation: "AuthorizeSecurityGroupIngress", region, subject: groupId },
    () => ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: permissions,
        TagSpecifications: [{ ResourceType: "security-group-rule", Tags: tagList(tags) }]
      }),
      { abortSignal: signal }
    ).catch((error) => {
      if (awsErrorCode(error) !== "InvalidPermission.Duplicate") throw error;
    })
  );
}
__name(openPorts, "openPorts");
async function describeGroups(ec2, region, filters, signal) {
  const groups = [];
  await callAws({ operation: "DescribeSecurityGroups", region }, async () => {
    const pages = paginateDescribeSecurityGroups(
      { client: ec2, pageSize: 1e3 },
      { Filters: filters },
      { abortSignal: signal }
    );
    for await (const page of pages) {
      for (const group of page.SecurityGroups ?? []) {
        groups.push({
          groupId: group.GroupId ?? "",
          name: group.GroupName ?? "",
          vpcId: group.VpcId,
          tags: tagRecord(group.Tags)
        });
      }
    }
  });
  return groups;
}
__name(describeGroups, "describeGroups");
async function describeGroup(ec2, region, groupId, signal) {
  const out = await callAws(
    { operation: "DescribeSecurityGroups", region, subject: groupId },
    () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }), { abortSignal: signal }).catch((error) => {
      if (awsErrorCode(error) === "InvalidGroup.NotFound") return { SecurityGroups: [] };
      throw error;
    })
  );
  const group = out.SecurityGroups?.find((g4) => g4.GroupId === groupId);
  return group ? { groupId, name: group.GroupName ?? "", vpcId: group.VpcId, tags: tagRecord(group.Tags) } : void 0;
}
__name(describeGroup, "describeGroup");
var GROUP_RELEASE = { deadlineMs: 5 * 6e4, intervalMs: 5e3 };
async function deleteSecurityGroup(ec2, region, groupId, context, policy = GROUP_RELEASE) {
  const { timing, logger, signal } = context;
  const started = timing.clock();
  for (let attempt = 1; ; attempt++) {
    try {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }), { abortSignal: signal });
      return;
    } catch (error) {
      const code = awsErrorCode(error);
      if (code === "InvalidGroup.NotFound") return;
      const site = { operation: "DeleteSecurityGroup", region, subject: groupId };
      if (code !== "DependencyViolation") throw awsFailure(error, site);
      const waited = timing.clock() - started;
      if (waited >= policy.deadlineMs) {
        throw awsFailure(error, {
          ...site,
          hints: {
            DependencyViolation: `Something still uses the group after ${Math.round(waited / 1e3)} s of retries (an instance or network interface outside the preview?): delete it by hand once that is gone.`
          }
        });
      }
      if (attempt === 1) {
        logger.info(
          `Security group ${groupId} is still held by the terminated instance's network interface: retrying every ${policy.intervalMs / 1e3} s for up to ${Math.round(policy.deadlineMs / 6e4)} min.`
        );
      }
      await timing.sleep(policy.intervalMs, signal);
    }
  }
}
__name(deleteSecurityGroup, "deleteSecurityGroup");

// src/cloud/aws/cleanup.ts
var SNAPSHOT_IN_USE_WAIT_MS = 6e4;
var SNAPSHOT_IN_USE_POLL_MS = 5e3;
async function deleteSnapshot(clients, region, snapshotId, timing) {
  const { ec2 } = clients.forRegion(region);
  const started = timing.clock();
  for (; ; ) {
    try {
      await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
      return;
    } catch (error) {
      const code = awsErrorCode(error);
      if (code === "InvalidSnapshot.NotFound") return;
      const waited = timing.clock() - started;
      if (code !== "InvalidSnapshot.InUse" || waited >= SNAPSHOT_IN_USE_WAIT_MS) {
        throw awsFailure(error, { operation: "DeleteSnapshot", region, subject: snapshotId });
      }
      await timing.sleep(SNAPSHOT_IN_USE_POLL_MS);
    }
  }
}
__name(deleteSnapshot, "deleteSnapshot");
async function deleteImage(clients, region, imageId, timing) {
  const { ec2 } = clients.forRegion(region);
  const image = await describeImage(ec2, region, imageId);
  if (image === void 0) return;
  await callAws(
    { operation: "DeregisterImage", region, subject: imageId },
    () => ec2.send(new DeregisterImageCommand({ ImageId: imageId })).catch((error) => {
      if (awsErrorCode(error) !== "InvalidAMIID.NotFound") throw error;
    })
  );
  for (const snapshotId of image.snapshotIds) {
    await deleteSnapshot(clients, region, snapshotId, timing);
  }
}
__name(deleteImage, "deleteImage");
async function deleteResource(clients, resource, timing, logger) {
  const { region, id } = resource;
  switch (resource.kind) {
    case "image":
      return deleteImage(clients, region, id, timing);
    case "snapshot":
      return deleteSnapshot(clients, region, id, timing);
    case "instance": {
      const { ec2 } = clients.forRegion(region);
      await terminateInstances(ec2, region, [id]);
      return waitForTerminated(ec2, region, id, { timing, logger });
    }
    case "security-group":
      return deleteSecurityGroup(clients.forRegion(region).ec2, region, id, { timing, logger });
  }
}
__name(deleteResource, "deleteResource");
var describe = /* @__PURE__ */ __name((r4) => `${r4.kind} ${r4.id} in ${r4.region}`, "describe");
var DELETE_ORDER = ["instance", "security-group", "image", "snapshot"];
async function deleteAll(clients, resources, timing, logger) {
  const order = /* @__PURE__ */ __name((r4) => DELETE_ORDER.indexOf(r4.kind), "order");
  const failures = [];
  for (const resource of [...resources].sort((a4, b4) => order(a4) - order(b4))) {
    try {
      await deleteResource(clients, resource, timing, logger);
      logger.info(`Deleted ${describe(resource)}.`);
    } catch (error) {
      failures.push({ resource, reason: errorMessage(error) });
    }
  }
  return failures;
}
__name(deleteAll, "deleteAll");
var RunResources = class {
  constructor(recorder, clients, timing, logger) {
    this.recorder = recorder;
    this.clients = clients;
    this.timing = timing;
    this.logger = logger;
  }
  recorder;
  clients;
  timing;
  logger;
  static {
    __name(this, "RunResources");
  }
  #created = [];
  add(kind, region, id) {
    const resource = { cloud: "aws", kind, region, id };
    if (this.#created.some((r4) => r4.kind === kind && r4.region === region && r4.id === id)) return;
    this.#created.push(resource);
    this.recorder.created(resource);
  }
  get created() {
    return this.#created;
  }
  /** Everything is published for good: nothing is left for the post step. */
  settleAll() {
    for (const resource of this.#created.splice(0)) this.recorder.settled(resource);
  }
  /**
   * Deletes everything this run created; what is deleted is settled, what cannot be stays
   * recorded for the post step and is named in a warning.
   */
  async rollback() {
    if (this.#created.length === 0) return;
    const resources = this.#created.splice(0).reverse();
    this.logger.info(`Publishing to AWS failed: deleting ${resources.map(describe).join(", ")}.`);
    const failures = await deleteAll(this.clients, resources, this.timing, this.logger);
    for (const resource of resources) {
      if (!failures.some((f4) => f4.resource === resource)) this.recorder.settled(resource);
    }
    for (const { resource, reason } of failures) {
      this.logger.warning(`Could not delete ${describe(resource)}: ${reason}`);
    }
  }
};

// src/cloud/aws/clients.ts
const { Agent: HttpAgent } = process.getBuiltinModule("node:http");
const { Agent: HttpsAgent } = process.getBuiltinModule("node:https");

// node_modules/@aws-sdk/client-ebs/dist-es/auth/httpAuthSchemeProvider.js
var defaultEBSHttpAuthSchemeParametersProvider = /* @__PURE__ */ __name(async (config, context, input) => {
  return {
    operation: getSmithyContext(context).operation,
    region: await normalizeProvider(config.region)() || (() => {
      throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
    })()
  };
}, "defaultEBSHttpAuthSchemeParametersProvider");
function createAwsAuthSigv4HttpAuthOption2(authParameters) {
  return {
    schemeId: "aws.auth#sigv4",
    signingProperties: {
      name: "ebs",
      region: authParameters.region
    },
    propertiesExtractor: /* @__PURE__ */ __name((config, context) => ({
      signingProperties: {
        config,
        context
      }
    }), "propertiesExtractor")
  };
}
__name(createAwsAuthSigv4HttpAuthOption2, "createAwsAuthSigv4HttpAuthOption");
var defaultEBSHttpAuthSchemeProvider = /* @__PURE__ */ __name((authParameters) => {
  const options = [];
  switch (authParameters.operation) {
    default: {
      options.push(createAwsAuthSigv4HttpAuthOption2(authParameters));
    }
  }
  return options;
}, "defaultEBSHttpAuthSchemeProvider");
var resolveHttpAuthSchemeConfig2 = /* @__PURE__ */ __name((config) => {
  const config_0 = resolveAwsSdkSigV4Config(config);
  return Object.assign(config_0, {
    authSchemePreference: normalizeProvider(config.authSchemePreference ?? [])
  });
}, "resolveHttpAuthSchemeConfig");

// node_modules/@aws-sdk/client-ebs/dist-es/endpoint/EndpointParameters.js
var resolveClientEndpointParameters2 = /* @__PURE__ */ __name((options) => {
  return Object.assign(options, {
    useDualstackEndpoint: options.useDualstackEndpoint ?? false,
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    defaultSigningName: "ebs"
  });
}, "resolveClientEndpointParameters");
var commonParams2 = {
  UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
  Endpoint: { type: "builtInParams", name: "endpoint" },
  Region: { type: "builtInParams", name: "region" },
  UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" }
};

// node_modules/@aws-sdk/client-ebs/package.json
var package_default2 = {
  name: "@aws-sdk/client-ebs",
  version: "3.1138.0",
  description: "AWS SDK for JavaScript Ebs Client for Node.js, Browser and React Native",
  homepage: "https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-ebs",
  license: "Apache-2.0",
  author: {
    name: "AWS SDK for JavaScript Team",
    url: "https://aws.amazon.com/sdk-for-javascript/"
  },
  repository: {
    type: "git",
    url: "https://github.com/aws/aws-sdk-js-v3.git",
    directory: "clients/client-ebs"
  },
  files: [
    "dist-*/**"
  ],
  sideEffects: false,
  main: "./dist-cjs/index.js",
  module: "./dist-es/index.js",
  browser: {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.browser"
  },
  types: "./dist-types/index.d.ts",
  typesVersions: {
    "<4.5": {
      "dist-types/*": [
        "dist-types/ts3.4/*"
      ]
    }
  },
  "react-native": {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.native"
  },
  scripts: {
    build: "concurrently 'yarn:build:types' 'yarn:build:es' && yarn build:cjs",
    "build:cjs": "node ../../scripts/compilation/inline",
    "build:es": "premove dist-es && tsc -p tsconfig.es.json",
    "build:include:deps": 'yarn g:turbo run build -F="$npm_package_name"',
    "build:types": "premove dist-types && tsc -p tsconfig.types.json",
    "build:types:downlevel": "downlevel-dts dist-types dist-types/ts3.4",
    clean: "premove dist-cjs dist-es dist-types",
    "extract:docs": "api-extractor run --local",
    "generate:client": "node ../../scripts/generate-clients/single-service",
    "test:index": "tsc -p tsconfig.test.json && node ./test/index-objects.spec.mjs"
  },
  dependencies: {
    "@aws-sdk/core": "^3.978.1",
    "@aws-sdk/credential-provider-node": "^3.972.84",
    "@aws-sdk/types": "^3.974.6",
    "@smithy/core": "^3.35.0",
    "@smithy/fetch-http-handler": "^5.8.0",
    "@smithy/node-http-handler": "^4.12.1",
    "@smithy/types": "^4.19.0",
    tslib: "^2.6.2"
  },
  devDependencies: {
    "@tsconfig/node20": "20.1.8",
    "@types/node": "^20.14.8",
    concurrently: "7.0.0",
    "downlevel-dts": "0.10.1",
    premove: "4.0.0",
    typescript: "~7.0.2"
  },
  engines: {
    node: ">=20.0.0"
  }
};

// node_modules/@aws-sdk/client-ebs/dist-es/endpoint/bdd.js
var k2 = "ref";
var a2 = -1;
var b2 = true;
var c2 = "isSet";
var d2 = "PartitionResult";
var e2 = "booleanEquals";
var f2 = "getAttr";
var g2 = { [k2]: "Endpoint" };
var h2 = { [k2]: d2 };
var i2 = {};
var j2 = [{ [k2]: "Region" }];
var _data2 = {
  conditions: [
    [c2, [g2]],
    [c2, j2],
    ["aws.partition", j2, d2],
    [e2, [{ [k2]: "UseFIPS" }, b2]],
    [e2, [{ [k2]: "UseDualStack" }, b2]],
    [e2, [{ fn: f2, argv: [h2, "supportsDualStack"] }, b2]],
    [e2, [{ fn: f2, argv: [h2, "supportsFIPS"] }, b2]]
  ],
  results: [
    [a2],
    [a2, "Invalid Configuration: FIPS and custom endpoint are not supported"],
    [a2, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
    [g2, i2],
    ["https://ebs-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i2],
    [a2, "FIPS and DualStack are enabled, but this partition does not support one or both"],
    ["https://ebs-fips.{Region}.{PartitionResult#dnsSuffix}", i2],
    [a2, "FIPS is enabled but this partition does not support FIPS"],
    ["https://ebs.{Region}.{PartitionResult#dualStackDnsSuffix}", i2],
    [a2, "DualStack is enabled but this partition does not support DualStack"],
    ["https://ebs.{Region}.{PartitionResult#dnsSuffix}", i2],
    [a2, "Invalid Configuration: Missing Region"]
  ]
};
var root2 = 2;
var r2 = 1e8;
var nodes2 = new Int32Array([
  -1,
  1,
  -1,
  0,
  12,
  3,
  1,
  4,
  r2 + 11,
  2,
  5,
  r2 + 11,
  3,
  8,
  6,
  4,
  7,
  r2 + 10,
  5,
  r2 + 8,
  r2 + 9,
  4,
  10,
  9,
  6,
  r2 + 6,
  r2 + 7,
  5,
  11,
  r2 + 5,
  6,
  r2 + 4,
  r2 + 5,
  3,
  r2 + 1,
  13,
  4,
  r2 + 2,
  r2 + 3
]);
var bdd2 = BinaryDecisionDiagram.from(nodes2, root2, _data2.conditions, _data2.results);

// node_modules/@aws-sdk/client-ebs/dist-es/endpoint/endpointResolver.js
var cache2 = new EndpointCache({
  size: 50,
  params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"]
});
var defaultEndpointResolver2 = /* @__PURE__ */ __name((endpointParams, context = {}) => {
  return cache2.get(endpointParams, () => decideEndpoint(bdd2, {
    endpointParams,
    logger: context.logger
  }));
}, "defaultEndpointResolver");
customEndpointFunctions.aws = awsEndpointFunctions;

// node_modules/@aws-sdk/client-ebs/dist-es/models/EBSServiceException.js
var EBSServiceException = class _EBSServiceException extends ServiceException {
  static {
    __name(this, "EBSServiceException");
  }
  constructor(options) {
    super(options);
    Object.setPrototypeOf(this, _EBSServiceException.prototype);
  }
};

// node_modules/@aws-sdk/client-ebs/dist-es/models/errors.js
var AccessDeniedException = class _AccessDeniedException extends EBSServiceException {
  static {
    __name(this, "AccessDeniedException");
  }
  name = "AccessDeniedException";
  $fault = "client";
  Message;
  Reason;
  constructor(opts) {
    super({
      name: "AccessDeniedException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _AccessDeniedException.prototype);
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
};
var InternalServerException = class _InternalServerException extends EBSServiceException {
  static {
    __name(this, "InternalServerException");
  }
  name = "InternalServerException";
  $fault = "server";
  Message;
  constructor(opts) {
    super({
      name: "InternalServerException",
      $fault: "server",
      ...opts
    });
    Object.setPrototypeOf(this, _InternalServerException.prototype);
    this.Message = opts.Message;
  }
};
var RequestThrottledException = class _RequestThrottledException extends EBSServiceException {
  static {
    __name(this, "RequestThrottledException");
  }
  name = "RequestThrottledException";
  $fault = "client";
  Message;
  Reason;
  constructor(opts) {
    super({
      name: "RequestThrottledException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _RequestThrottledException.prototype);
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
};
var ResourceNotFoundException = class _ResourceNotFoundException extends EBSServiceException {
  static {
    __name(this, "ResourceNotFoundException");
  }
  name = "ResourceNotFoundException";
  $fault = "client";
  Message;
  Reason;
  constructor(opts) {
    super({
      name: "ResourceNotFoundException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ResourceNotFoundException.prototype);
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
};
var ServiceQuotaExceededException = class _ServiceQuotaExceededException extends EBSServiceException {
  static {
    __name(this, "ServiceQuotaExceededException");
  }
  name = "ServiceQuotaExceededException";
  $fault = "client";
  Message;
  Reason;
  constructor(opts) {
    super({
      name: "ServiceQuotaExceededException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ServiceQuotaExceededException.prototype);
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
};
var ValidationException = class _ValidationException extends EBSServiceException {
  static {
    __name(this, "ValidationException");
  }
  name = "ValidationException";
  $fault = "client";
  Message;
  Reason;
  constructor(opts) {
    super({
      name: "ValidationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ValidationException.prototype);
    this.Message = opts.Message;
    this.Reason = opts.Reason;
  }
};
var ConcurrentLimitExceededException = class _ConcurrentLimitExceededException extends EBSServiceException {
  static {
    __name(this, "ConcurrentLimitExceededException");
  }
  name = "ConcurrentLimitExceededException";
  $fault = "client";
  Message;
  constructor(opts) {
    super({
      name: "ConcurrentLimitExceededException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ConcurrentLimitExceededException.prototype);
    this.Message = opts.Message;
  }
};
var ConflictException = class _ConflictException extends EBSServiceException {
  static {
    __name(this, "ConflictException");
  }
  name = "ConflictException";
  $fault = "client";
  Message;
  constructor(opts) {
    super({
      name: "ConflictException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ConflictException.prototype);
    this.Message = opts.Message;
  }
};

// node_modules/@aws-sdk/client-ebs/dist-es/schemas/schemas_0.js
var _ADE = "AccessDeniedException";
var _BD = "BlockData";
var _BI = "BlockIndex";
var _BS = "BlockSize";
var _C = "Checksum";
var _CA = "ChecksumAlgorithm";
var _CAM = "ChecksumAggregationMethod";
var _CBC = "ChangedBlocksCount";
var _CE = "ConflictException";
var _CLEE = "ConcurrentLimitExceededException";
var _CS = "CompleteSnapshot";
var _CSR = "CompleteSnapshotRequest";
var _CSRo = "CompleteSnapshotResponse";
var _CT2 = "ClientToken";
var _D = "Description";
var _DL = "DataLength";
var _E = "Encrypted";
var _ISE = "InternalServerException";
var _K2 = "Key";
var _KKA = "KmsKeyArn";
var _M2 = "Message";
var _OI2 = "OwnerId";
var _P2 = "Progress";
var _PSB = "PutSnapshotBlock";
var _PSBR = "PutSnapshotBlockRequest";
var _PSBRu = "PutSnapshotBlockResponse";
var _PSI = "ParentSnapshotId";
var _R2 = "Reason";
var _RNFE = "ResourceNotFoundException";
var _RTE = "RequestThrottledException";
var _S = "Status";
var _SI2 = "SnapshotId";
var _SQEE = "ServiceQuotaExceededException";
var _SS = "StartSnapshot";
var _SSR = "StartSnapshotRequest";
var _SSRt = "StartSnapshotResponse";
var _ST = "StartTime";
var _STs2 = "SseType";
var _T2 = "Tags";
var _Ta2 = "Tag";
var _Ti = "Timeout";
var _V2 = "Value";
var _VE = "ValidationException";
var _VS = "VolumeSize";
var _c = "client";
var _s2 = "smithy.ts.sdk.synthetic.com.amazonaws.ebs";
var _se = "server";
var _xaC = "x-amz-ChangedBlocksCount";
var _xaCA = "x-amz-Checksum-Algorithm";
var _xaCAM = "x-amz-Checksum-Aggregation-Method";
var _xaC_ = "x-amz-Checksum";
var _xaDL = "x-amz-Data-Length";
var _xaP = "x-amz-Progress";
var n02 = "com.amazonaws.ebs";
var _s_registry2 = new TypeRegistry(_s2);
var EBSServiceException$ = [-3, _s2, "EBSServiceException", 0, [], []];
_s_registry2.registerError(EBSServiceException$, EBSServiceException);
var n0_registry = new TypeRegistry(n02);
var AccessDeniedException$ = [
  -3,
  n02,
  _ADE,
  { "error": _c, "httpError": 403 },
  [_R2, _M2],
  [0, 0],
  1
];
n0_registry.registerError(AccessDeniedException$, AccessDeniedException);
var ConcurrentLimitExceededException$ = [
  -3,
  n02,
  _CLEE,
  { "error": _c, "httpError": 400 },
  [_M2],
  [0]
];
n0_registry.registerError(ConcurrentLimitExceededException$, ConcurrentLimitExceededException);
var ConflictException$ = [
  -3,
  n02,
  _CE,
  { "error": _c, "httpError": 409 },
  [_M2],
  [0]
];
n0_registry.registerError(ConflictException$, ConflictException);
var InternalServerException$ = [
  -3,
  n02,
  _ISE,
  { "error": _se, "httpError": 500 },
  [_M2],
  [0]
];
n0_registry.registerError(InternalServerException$, InternalServerException);
var RequestThrottledException$ = [
  -3,
  n02,
  _RTE,
  { "error": _c, "httpError": 400 },
  [_M2, _R2],
  [0, 0]
];
n0_registry.registerError(RequestThrottledException$, RequestThrottledException);
var ResourceNotFoundException$ = [
  -3,
  n02,
  _RNFE,
  { "error": _c, "httpError": 404 },
  [_M2, _R2],
  [0, 0]
];
n0_registry.registerError(ResourceNotFoundException$, ResourceNotFoundException);
var ServiceQuotaExceededException$ = [
  -3,
  n02,
  _SQEE,
  { "error": _c, "httpError": 402 },
  [_M2, _R2],
  [0, 0]
];
n0_registry.registerError(ServiceQuotaExceededException$, ServiceQuotaExceededException);
var ValidationException$ = [
  -3,
  n02,
  _VE,
  { "error": _c, "httpError": 400 },
  [_M2, _R2],
  [0, 0]
];
n0_registry.registerError(ValidationException$, ValidationException);
var errorTypeRegistries2 = [
  _s_registry2,
  n0_registry
];
var BlockData = [0, n02, _BD, { "sensitive": 1, "streaming": 1 }, 42];
var KmsKeyArn = [0, n02, _KKA, 8, 0];
var CompleteSnapshotRequest$ = [
  3,
  n02,
  _CSR,
  0,
  [_SI2, _CBC, _C, _CA, _CAM],
  [[0, 1], [1, { "httpHeader": _xaC }], [0, { "httpHeader": _xaC_ }], [0, { "httpHeader": _xaCA }], [0, { "httpHeader": _xaCAM }]],
  2
];
var CompleteSnapshotResponse$ = [
  3,
  n02,
  _CSRo,
  0,
  [_S],
  [0]
];
var PutSnapshotBlockRequest$ = [
  3,
  n02,
  _PSBR,
  0,
  [_SI2, _BI, _BD, _DL, _C, _CA, _P2],
  [[0, 1], [1, 1], [() => BlockData, 16], [1, { "httpHeader": _xaDL }], [0, { "httpHeader": _xaC_ }], [0, { "httpHeader": _xaCA }], [1, { "httpHeader": _xaP }]],
  6
];
var PutSnapshotBlockResponse$ = [
  3,
  n02,
  _PSBRu,
  0,
  [_C, _CA],
  [[0, { "httpHeader": _xaC_ }], [0, { "httpHeader": _xaCA }]]
];
var StartSnapshotRequest$ = [
  3,
  n02,
  _SSR,
  0,
  [_VS, _PSI, _T2, _D, _CT2, _E, _KKA, _Ti],
  [1, 0, () => Tags, 0, [0, 4], 2, [() => KmsKeyArn, 0], 1],
  1
];
var StartSnapshotResponse$ = [
  3,
  n02,
  _SSRt,
  0,
  [_D, _SI2, _OI2, _S, _ST, _VS, _BS, _T2, _PSI, _KKA, _STs2],
  [0, 0, 0, 0, 4, 1, 1, () => Tags, 0, [() => KmsKeyArn, 0], 0]
];
var Tag$2 = [
  3,
  n02,
  _Ta2,
  0,
  [_K2, _V2],
  [0, 0]
];
var Tags = [
  1,
  n02,
  _T2,
  0,
  () => Tag$2
];
var CompleteSnapshot$ = [
  9,
  n02,
  _CS,
  { "http": ["POST", "/snapshots/completion/{SnapshotId}", 202] },
  () => CompleteSnapshotRequest$,
  () => CompleteSnapshotResponse$
];
var PutSnapshotBlock$ = [
  9,
  n02,
  _PSB,
  { "http": ["PUT", "/snapshots/{SnapshotId}/blocks/{BlockIndex}", 201] },
  () => PutSnapshotBlockRequest$,
  () => PutSnapshotBlockResponse$
];
var StartSnapshot$ = [
  9,
  n02,
  _SS,
  { "http": ["POST", "/snapshots", 201] },
  () => StartSnapshotRequest$,
  () => StartSnapshotResponse$
];

// node_modules/@aws-sdk/client-ebs/dist-es/runtimeConfig.shared.js
var getRuntimeConfig3 = /* @__PURE__ */ __name((config) => {
  return {
    apiVersion: "2019-11-02",
    base64Decoder: config?.base64Decoder ?? fromBase64,
    base64Encoder: config?.base64Encoder ?? toBase64,
    disableHostPrefix: config?.disableHostPrefix ?? false,
    endpointProvider: config?.endpointProvider ?? defaultEndpointResolver2,
    extensions: config?.extensions ?? [],
    httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultEBSHttpAuthSchemeProvider,
    httpAuthSchemes: config?.httpAuthSchemes ?? [
      {
        schemeId: "aws.auth#sigv4",
        identityProvider: /* @__PURE__ */ __name((ipc) => ipc.getIdentityProvider("aws.auth#sigv4"), "identityProvider"),
        signer: new AwsSdkSigV4Signer()
      }
    ],
    logger: config?.logger ?? new NoOpLogger(),
    protocol: config?.protocol ?? AwsRestJsonProtocol,
    protocolSettings: config?.protocolSettings ?? {
      defaultNamespace: "com.amazonaws.ebs",
      errorTypeRegistries: errorTypeRegistries2,
      version: "2019-11-02",
      serviceTarget: "Ebs"
    },
    sdkStreamMixin: config?.sdkStreamMixin ?? sdkStreamMixin,
    serviceId: config?.serviceId ?? "EBS",
    sha256: config?.sha256 ?? Sha256Node,
    urlParser: config?.urlParser ?? parseUrl,
    utf8Decoder: config?.utf8Decoder ?? fromUtf8,
    utf8Encoder: config?.utf8Encoder ?? toUtf8
  };
}, "getRuntimeConfig");

// node_modules/@aws-sdk/client-ebs/dist-es/runtimeConfig.js
var getRuntimeConfig4 = /* @__PURE__ */ __name((config) => {
  emitWarningIfUnsupportedVersion2(process.version);
  const defaultsMode = resolveDefaultsModeConfig(config);
  const defaultConfigProvider = /* @__PURE__ */ __name(() => defaultsMode().then(loadConfigsForDefaultMode), "defaultConfigProvider");
  const clientSharedValues = getRuntimeConfig3(config);
  emitWarningIfUnsupportedVersion(process.version);
  const loaderConfig = {
    profile: config?.profile,
    logger: clientSharedValues.logger
  };
  return {
    ...clientSharedValues,
    ...config,
    runtime: "node",
    defaultsMode,
    authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
    bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
    credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
    defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: package_default2.version }),
    maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
    region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
    requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
    retryMode: config?.retryMode ?? loadConfig({
      ...NODE_RETRY_MODE_CONFIG_OPTIONS,
      default: /* @__PURE__ */ __name(async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE, "default")
    }, config),
    streamCollector: config?.streamCollector ?? streamCollector,
    useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
  };
}, "getRuntimeConfig");

// node_modules/@aws-sdk/client-ebs/dist-es/auth/httpAuthExtensionConfiguration.js
var getHttpAuthExtensionConfiguration2 = /* @__PURE__ */ __name((runtimeConfig) => {
  const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
  let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
  let _credentials = runtimeConfig.credentials;
  return {
    setHttpAuthScheme(httpAuthScheme) {
      const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
      if (index === -1) {
        _httpAuthSchemes.push(httpAuthScheme);
      } else {
        _httpAuthSchemes.splice(index, 1, httpAuthScheme);
      }
    },
    httpAuthSchemes() {
      return _httpAuthSchemes;
    },
    setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
      _httpAuthSchemeProvider = httpAuthSchemeProvider;
    },
    httpAuthSchemeProvider() {
      return _httpAuthSchemeProvider;
    },
    setCredentials(credentials) {
      _credentials = credentials;
    },
    credentials() {
      return _credentials;
    }
  };
}, "getHttpAuthExtensionConfiguration");
var resolveHttpAuthRuntimeConfig2 = /* @__PURE__ */ __name((config) => {
  return {
    httpAuthSchemes: config.httpAuthSchemes(),
    httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
    credentials: config.credentials()
  };
}, "resolveHttpAuthRuntimeConfig");

// node_modules/@aws-sdk/client-ebs/dist-es/runtimeExtensions.js
var resolveRuntimeExtensions2 = /* @__PURE__ */ __name((runtimeConfig, extensions) => {
  const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration2(runtimeConfig));
  extensions.forEach((extension) => extension.configure(extensionConfiguration));
  return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig2(extensionConfiguration));
}, "resolveRuntimeExtensions");

// node_modules/@aws-sdk/client-ebs/dist-es/EBSClient.js
var EBSClient = class extends Client {
  static {
    __name(this, "EBSClient");
  }
  config;
  constructor(...[configuration]) {
    const _config_0 = getRuntimeConfig4(configuration || {});
    super(_config_0);
    this.initConfig = _config_0;
    const _config_1 = resolveClientEndpointParameters2(_config_0);
    const _config_2 = resolveUserAgentConfig(_config_1);
    const _config_3 = resolveRetryConfig(_config_2);
    const _config_4 = resolveRegionConfig(_config_3);
    const _config_5 = resolveHostHeaderConfig(_config_4);
    const _config_6 = resolveEndpointConfig(_config_5);
    const _config_7 = resolveHttpAuthSchemeConfig2(_config_6);
    const _config_8 = resolveRuntimeExtensions2(_config_7, configuration?.extensions || []);
    this.config = _config_8;
    this.middlewareStack.use(getSchemaSerdePlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    this.middlewareStack.use(getRetryPlugin(this.config));
    this.middlewareStack.use(getContentLengthPlugin(this.config));
    this.middlewareStack.use(getHostHeaderPlugin(this.config));
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
    this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
      httpAuthSchemeParametersProvider: defaultEBSHttpAuthSchemeParametersProvider,
      identityProviderConfigProvider: /* @__PURE__ */ __name(async (config) => new DefaultIdentityProviderConfig({
        "aws.auth#sigv4": config.credentials
      }), "identityProviderConfigProvider")
    }));
    this.middlewareStack.use(getHttpSigningPlugin(this.config));
  }
  destroy() {
    super.destroy();
  }
};

// node_modules/@aws-sdk/client-ebs/dist-es/commandBuilder.js
var command2 = makeBuilder(commonParams2, "Ebs", "EBSClient", getEndpointPlugin);
var _ep02 = {};
var _mw02 = /* @__PURE__ */ __name((Command, cs, config, o) => [], "_mw0");

// node_modules/@aws-sdk/client-ebs/dist-es/commands/CompleteSnapshotCommand.js
var CompleteSnapshotCommand = class extends command2(_ep02, _mw02, "CompleteSnapshot", CompleteSnapshot$) {
  static {
    __name(this, "CompleteSnapshotCommand");
  }
};

// node_modules/@aws-sdk/client-ebs/dist-es/commands/PutSnapshotBlockCommand.js
var PutSnapshotBlockCommand = class extends command2(_ep02, _mw02, "PutSnapshotBlock", PutSnapshotBlock$) {
  static {
    __name(this, "PutSnapshotBlockCommand");
  }
};

// node_modules/@aws-sdk/client-ebs/dist-es/commands/StartSnapshotCommand.js
var StartSnapshotCommand = class extends command2(_ep02, _mw02, "StartSnapshot", StartSnapshot$) {
  static {
    __name(this, "StartSnapshotCommand");
  }
};

// node_modules/@aws-sdk/client-kms/dist-es/auth/httpAuthSchemeProvider.js
var defaultKMSHttpAuthSchemeParametersProvider = /* @__PURE__ */ __name(async (config, context, input) => {
  return {
    operation: getSmithyContext(context).operation,
    region: await normalizeProvider(config.region)() || (() => {
      throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
    })()
  };
}, "defaultKMSHttpAuthSchemeParametersProvider");
function createAwsAuthSigv4HttpAuthOption3(authParameters) {
  return {
    schemeId: "aws.auth#sigv4",
    signingProperties: {
      name: "kms",
      region: authParameters.region
    },
    propertiesExtractor: /* @__PURE__ */ __name((config, context) => ({
      signingProperties: {
        config,
        context
      }
    }), "propertiesExtractor")
  };
}
__name(createAwsAuthSigv4HttpAuthOption3, "createAwsAuthSigv4HttpAuthOption");
var defaultKMSHttpAuthSchemeProvider = /* @__PURE__ */ __name((authParameters) => {
  const options = [];
  switch (authParameters.operation) {
    default: {
      options.push(createAwsAuthSigv4HttpAuthOption3(authParameters));
    }
  }
  return options;
}, "defaultKMSHttpAuthSchemeProvider");
var resolveHttpAuthSchemeConfig3 = /* @__PURE__ */ __name((config) => {
  const config_0 = resolveAwsSdkSigV4Config(config);
  return Object.assign(config_0, {
    authSchemePreference: normalizeProvider(config.authSchemePreference ?? [])
  });
}, "resolveHttpAuthSchemeConfig");

// node_modules/@aws-sdk/client-kms/dist-es/endpoint/EndpointParameters.js
var resolveClientEndpointParameters3 = /* @__PURE__ */ __name((options) => {
  return Object.assign(options, {
    useDualstackEndpoint: options.useDualstackEndpoint ?? false,
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    defaultSigningName: "kms"
  });
}, "resolveClientEndpointParameters");
var commonParams3 = {
  UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
  Endpoint: { type: "builtInParams", name: "endpoint" },
  Region: { type: "builtInParams", name: "region" },
  UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" }
};

// node_modules/@aws-sdk/client-kms/package.json
var package_default3 = {
  name: "@aws-sdk/client-kms",
  version: "3.1178.0",
  description: "AWS SDK for JavaScript Kms Client for Node.js, Browser and React Native",
  homepage: "https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-kms",
  license: "Apache-2.0",
  author: {
    name: "AWS SDK for JavaScript Team",
    url: "https://aws.amazon.com/sdk-for-javascript/"
  },
  repository: {
    type: "git",
    url: "https://github.com/aws/aws-sdk-js-v3.git",
    directory: "clients/client-kms"
  },
  files: [
    "dist-*/**"
  ],
  sideEffects: false,
  main: "./dist-cjs/index.js",
  module: "./dist-es/index.js",
  browser: {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.browser"
  },
  types: "./dist-types/index.d.ts",
  typesVersions: {
    "<4.5": {
      "dist-types/*": [
        "dist-types/ts3.4/*"
      ]
    }
  },
  "react-native": {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.native"
  },
  scripts: {
    build: "concurrently 'yarn:build:types' 'yarn:build:es' && yarn build:cjs",
    "build:cjs": "node ../../scripts/compilation/inline",
    "build:es": "premove dist-es && tsc -p tsconfig.es.json",
    "build:include:deps": 'yarn g:turbo run build -F="$npm_package_name"',
    "build:types": "premove dist-types && tsc -p tsconfig.types.json",
    "build:types:downlevel": "downlevel-dts dist-types dist-types/ts3.4",
    clean: "premove dist-cjs dist-es dist-types",
    "extract:docs": "api-extractor run --local",
    "generate:client": "node ../../scripts/generate-clients/single-service",
    "test:e2e": "yarn g:vitest run -c vitest.config.e2e.mts",
    "test:e2e:watch": "yarn g:vitest watch -c vitest.config.e2e.mts",
    "test:index": "tsc -p tsconfig.test.json && node ./test/index-objects.spec.mjs"
  },
  dependencies: {
    "@aws-sdk/core": "^3.981.2",
    "@aws-sdk/credential-provider-node": "^3.972.99",
    "@aws-sdk/types": "^3.975.1",
    "@smithy/core": "^3.41.1",
    "@smithy/fetch-http-handler": "^5.8.1",
    "@smithy/node-http-handler": "^4.14.2",
    "@smithy/types": "^4.20.0",
    tslib: "^2.6.2"
  },
  devDependencies: {
    "@tsconfig/node20": "20.1.8",
    "@types/node": "^20.14.8",
    concurrently: "7.0.0",
    "downlevel-dts": "0.10.1",
    premove: "4.0.0",
    typescript: "~7.0.2"
  },
  engines: {
    node: ">=20.0.0"
  }
};

// node_modules/@aws-sdk/client-kms/dist-es/endpoint/bdd.js
var k3 = "ref";
var a3 = -1;
var b3 = true;
var c3 = "isSet";
var d3 = "PartitionResult";
var e3 = "booleanEquals";
var f3 = "getAttr";
var g3 = { [k3]: "Endpoint" };
var h3 = { [k3]: d3 };
var i3 = {};
var j3 = [{ [k3]: "Region" }];
var _data3 = {
  conditions: [
    [c3, [g3]],
    [c3, j3],
    ["aws.partition", j3, d3],
    [e3, [{ [k3]: "UseFIPS" }, b3]],
    [e3, [{ [k3]: "UseDualStack" }, b3]],
    [e3, [{ fn: f3, argv: [h3, "supportsDualStack"] }, b3]],
    [e3, [{ fn: f3, argv: [h3, "supportsFIPS"] }, b3]]
  ],
  results: [
    [a3],
    [a3, "Invalid Configuration: FIPS and custom endpoint are not supported"],
    [a3, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
    [g3, i3],
    ["https://kms-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i3],
    [a3, "FIPS and DualStack are enabled, but this partition does not support one or both"],
    ["https://kms-fips.{Region}.{PartitionResult#dnsSuffix}", i3],
    [a3, "FIPS is enabled but this partition does not support FIPS"],
    ["https://kms.{Region}.{PartitionResult#dualStackDnsSuffix}", i3],
    [a3, "DualStack is enabled but this partition does not support DualStack"],
    ["https://kms.{Region}.{PartitionResult#dnsSuffix}", i3],
    [a3, "Invalid Configuration: Missing Region"]
  ]
};
var root3 = 2;
var r3 = 1e8;
var nodes3 = new Int32Array([
  -1,
  1,
  -1,
  0,
  12,
  3,
  1,
  4,
  r3 + 11,
  2,
  5,
  r3 + 11,
  3,
  8,
  6,
  4,
  7,
  r3 + 10,
  5,
  r3 + 8,
  r3 + 9,
  4,
  10,
  9,
  6,
  r3 + 6,
  r3 + 7,
  5,
  11,
  r3 + 5,
  6,
  r3 + 4,
  r3 + 5,
  3,
  r3 + 1,
  13,
  4,
  r3 + 2,
  r3 + 3
]);
var bdd3 = BinaryDecisionDiagram.from(nodes3, root3, _data3.conditions, _data3.results);

// node_modules/@aws-sdk/client-kms/dist-es/endpoint/endpointResolver.js
var cache3 = new EndpointCache({
  size: 50,
  params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"]
});
var defaultEndpointResolver3 = /* @__PURE__ */ __name((endpointParams, context = {}) => {
  return cache3.get(endpointParams, () => decideEndpoint(bdd3, {
    endpointParams,
    logger: context.logger
  }));
}, "defaultEndpointResolver");
customEndpointFunctions.aws = awsEndpointFunctions;

// node_modules/@aws-sdk/client-kms/dist-es/models/KMSServiceException.js
var KMSServiceException = class _KMSServiceException extends ServiceException {
  static {
    __name(this, "KMSServiceException");
  }
  static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.kms#KMSServiceException";
  constructor(options) {
    super(options);
    Object.setPrototypeOf(this, _KMSServiceException.prototype);
  }
};

// node_modules/@aws-sdk/client-kms/dist-es/models/errors.js
var AlreadyExistsException = class _AlreadyExistsException extends KMSServiceException {
  static {
    __name(this, "AlreadyExistsException");
  }
  static shapeId = "com.amazonaws.kms#AlreadyExistsException";
  name = "AlreadyExistsException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "AlreadyExistsException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _AlreadyExistsException.prototype);
  }
};
var DependencyTimeoutException = class _DependencyTimeoutException extends KMSServiceException {
  static {
    __name(this, "DependencyTimeoutException");
  }
  static shapeId = "com.amazonaws.kms#DependencyTimeoutException";
  name = "DependencyTimeoutException";
  $fault = "server";
  constructor(opts) {
    super({
      name: "DependencyTimeoutException",
      $fault: "server",
      ...opts
    });
    Object.setPrototypeOf(this, _DependencyTimeoutException.prototype);
  }
};
var InvalidArnException = class _InvalidArnException extends KMSServiceException {
  static {
    __name(this, "InvalidArnException");
  }
  static shapeId = "com.amazonaws.kms#InvalidArnException";
  name = "InvalidArnException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidArnException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidArnException.prototype);
  }
};
var KMSInternalException = class _KMSInternalException extends KMSServiceException {
  static {
    __name(this, "KMSInternalException");
  }
  static shapeId = "com.amazonaws.kms#KMSInternalException";
  name = "KMSInternalException";
  $fault = "server";
  constructor(opts) {
    super({
      name: "KMSInternalException",
      $fault: "server",
      ...opts
    });
    Object.setPrototypeOf(this, _KMSInternalException.prototype);
  }
};
var KMSInvalidStateException = class _KMSInvalidStateException extends KMSServiceException {
  static {
    __name(this, "KMSInvalidStateException");
  }
  static shapeId = "com.amazonaws.kms#KMSInvalidStateException";
  name = "KMSInvalidStateException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "KMSInvalidStateException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _KMSInvalidStateException.prototype);
  }
};
var NotFoundException = class _NotFoundException extends KMSServiceException {
  static {
    __name(this, "NotFoundException");
  }
  static shapeId = "com.amazonaws.kms#NotFoundException";
  name = "NotFoundException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "NotFoundException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _NotFoundException.prototype);
  }
};
var CloudHsmClusterInUseException = class _CloudHsmClusterInUseException extends KMSServiceException {
  static {
    __name(this, "CloudHsmClusterInUseException");
  }
  static shapeId = "com.amazonaws.kms#CloudHsmClusterInUseException";
  name = "CloudHsmClusterInUseException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CloudHsmClusterInUseException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CloudHsmClusterInUseException.prototype);
  }
};
var CloudHsmClusterInvalidConfigurationException = class _CloudHsmClusterInvalidConfigurationException extends KMSServiceException {
  static {
    __name(this, "CloudHsmClusterInvalidConfigurationException");
  }
  static shapeId = "com.amazonaws.kms#CloudHsmClusterInvalidConfigurationException";
  name = "CloudHsmClusterInvalidConfigurationException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CloudHsmClusterInvalidConfigurationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CloudHsmClusterInvalidConfigurationException.prototype);
  }
};
var CloudHsmClusterNotActiveException = class _CloudHsmClusterNotActiveException extends KMSServiceException {
  static {
    __name(this, "CloudHsmClusterNotActiveException");
  }
  static shapeId = "com.amazonaws.kms#CloudHsmClusterNotActiveException";
  name = "CloudHsmClusterNotActiveException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CloudHsmClusterNotActiveException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CloudHsmClusterNotActiveException.prototype);
  }
};
var CloudHsmClusterNotFoundException = class _CloudHsmClusterNotFoundException extends KMSServiceException {
  static {
    __name(this, "CloudHsmClusterNotFoundException");
  }
  static shapeId = "com.amazonaws.kms#CloudHsmClusterNotFoundException";
  name = "CloudHsmClusterNotFoundException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CloudHsmClusterNotFoundException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CloudHsmClusterNotFoundException.prototype);
  }
};
var CloudHsmClusterNotRelatedException = class _CloudHsmClusterNotRelatedException extends KMSServiceException {
  static {
    __name(this, "CloudHsmClusterNotRelatedException");
  }
  static shapeId = "com.amazonaws.kms#CloudHsmClusterNotRelatedException";
  name = "CloudHsmClusterNotRelatedException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CloudHsmClusterNotRelatedException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CloudHsmClusterNotRelatedException.prototype);
  }
};
var ConflictException2 = class _ConflictException extends KMSServiceException {
  static {
    __name(this, "ConflictException");
  }
  static shapeId = "com.amazonaws.kms#ConflictException";
  name = "ConflictException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "ConflictException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ConflictException.prototype);
  }
};
var CustomKeyStoreInvalidStateException = class _CustomKeyStoreInvalidStateException extends KMSServiceException {
  static {
    __name(this, "CustomKeyStoreInvalidStateException");
  }
  static shapeId = "com.amazonaws.kms#CustomKeyStoreInvalidStateException";
  name = "CustomKeyStoreInvalidStateException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CustomKeyStoreInvalidStateException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CustomKeyStoreInvalidStateException.prototype);
  }
};
var CustomKeyStoreNotFoundException = class _CustomKeyStoreNotFoundException extends KMSServiceException {
  static {
    __name(this, "CustomKeyStoreNotFoundException");
  }
  static shapeId = "com.amazonaws.kms#CustomKeyStoreNotFoundException";
  name = "CustomKeyStoreNotFoundException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CustomKeyStoreNotFoundException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CustomKeyStoreNotFoundException.prototype);
  }
};
var InvalidAliasNameException = class _InvalidAliasNameException extends KMSServiceException {
  static {
    __name(this, "InvalidAliasNameException");
  }
  static shapeId = "com.amazonaws.kms#InvalidAliasNameException";
  name = "InvalidAliasNameException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidAliasNameException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidAliasNameException.prototype);
  }
};
var LimitExceededException = class _LimitExceededException extends KMSServiceException {
  static {
    __name(this, "LimitExceededException");
  }
  static shapeId = "com.amazonaws.kms#LimitExceededException";
  name = "LimitExceededException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "LimitExceededException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _LimitExceededException.prototype);
  }
};
var CustomKeyStoreNameInUseException = class _CustomKeyStoreNameInUseException extends KMSServiceException {
  static {
    __name(this, "CustomKeyStoreNameInUseException");
  }
  static shapeId = "com.amazonaws.kms#CustomKeyStoreNameInUseException";
  name = "CustomKeyStoreNameInUseException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CustomKeyStoreNameInUseException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CustomKeyStoreNameInUseException.prototype);
  }
};
var IncorrectTrustAnchorException = class _IncorrectTrustAnchorException extends KMSServiceException {
  static {
    __name(this, "IncorrectTrustAnchorException");
  }
  static shapeId = "com.amazonaws.kms#IncorrectTrustAnchorException";
  name = "IncorrectTrustAnchorException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "IncorrectTrustAnchorException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _IncorrectTrustAnchorException.prototype);
  }
};
var XksProxyIncorrectAuthenticationCredentialException = class _XksProxyIncorrectAuthenticationCredentialException extends KMSServiceException {
  static {
    __name(this, "XksProxyIncorrectAuthenticationCredentialException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyIncorrectAuthenticationCredentialException";
  name = "XksProxyIncorrectAuthenticationCredentialException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyIncorrectAuthenticationCredentialException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyIncorrectAuthenticationCredentialException.prototype);
  }
};
var XksProxyInvalidConfigurationException = class _XksProxyInvalidConfigurationException extends KMSServiceException {
  static {
    __name(this, "XksProxyInvalidConfigurationException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyInvalidConfigurationException";
  name = "XksProxyInvalidConfigurationException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyInvalidConfigurationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyInvalidConfigurationException.prototype);
  }
};
var XksProxyInvalidResponseException = class _XksProxyInvalidResponseException extends KMSServiceException {
  static {
    __name(this, "XksProxyInvalidResponseException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyInvalidResponseException";
  name = "XksProxyInvalidResponseException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyInvalidResponseException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyInvalidResponseException.prototype);
  }
};
var XksProxyUriEndpointInUseException = class _XksProxyUriEndpointInUseException extends KMSServiceException {
  static {
    __name(this, "XksProxyUriEndpointInUseException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyUriEndpointInUseException";
  name = "XksProxyUriEndpointInUseException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyUriEndpointInUseException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyUriEndpointInUseException.prototype);
  }
};
var XksProxyUriInUseException = class _XksProxyUriInUseException extends KMSServiceException {
  static {
    __name(this, "XksProxyUriInUseException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyUriInUseException";
  name = "XksProxyUriInUseException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyUriInUseException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyUriInUseException.prototype);
  }
};
var XksProxyUriUnreachableException = class _XksProxyUriUnreachableException extends KMSServiceException {
  static {
    __name(this, "XksProxyUriUnreachableException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyUriUnreachableException";
  name = "XksProxyUriUnreachableException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyUriUnreachableException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyUriUnreachableException.prototype);
  }
};
var XksProxyVpcEndpointServiceInUseException = class _XksProxyVpcEndpointServiceInUseException extends KMSServiceException {
  static {
    __name(this, "XksProxyVpcEndpointServiceInUseException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyVpcEndpointServiceInUseException";
  name = "XksProxyVpcEndpointServiceInUseException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyVpcEndpointServiceInUseException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyVpcEndpointServiceInUseException.prototype);
  }
};
var XksProxyVpcEndpointServiceInvalidConfigurationException = class _XksProxyVpcEndpointServiceInvalidConfigurationException extends KMSServiceException {
  static {
    __name(this, "XksProxyVpcEndpointServiceInvalidConfigurationException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyVpcEndpointServiceInvalidConfigurationException";
  name = "XksProxyVpcEndpointServiceInvalidConfigurationException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyVpcEndpointServiceInvalidConfigurationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyVpcEndpointServiceInvalidConfigurationException.prototype);
  }
};
var XksProxyVpcEndpointServiceNotFoundException = class _XksProxyVpcEndpointServiceNotFoundException extends KMSServiceException {
  static {
    __name(this, "XksProxyVpcEndpointServiceNotFoundException");
  }
  static shapeId = "com.amazonaws.kms#XksProxyVpcEndpointServiceNotFoundException";
  name = "XksProxyVpcEndpointServiceNotFoundException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksProxyVpcEndpointServiceNotFoundException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksProxyVpcEndpointServiceNotFoundException.prototype);
  }
};
var DisabledException = class _DisabledException extends KMSServiceException {
  static {
    __name(this, "DisabledException");
  }
  static shapeId = "com.amazonaws.kms#DisabledException";
  name = "DisabledException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "DisabledException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _DisabledException.prototype);
  }
};
var DryRunOperationException = class _DryRunOperationException extends KMSServiceException {
  static {
    __name(this, "DryRunOperationException");
  }
  static shapeId = "com.amazonaws.kms#DryRunOperationException";
  name = "DryRunOperationException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "DryRunOperationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _DryRunOperationException.prototype);
  }
};
var InvalidGrantTokenException = class _InvalidGrantTokenException extends KMSServiceException {
  static {
    __name(this, "InvalidGrantTokenException");
  }
  static shapeId = "com.amazonaws.kms#InvalidGrantTokenException";
  name = "InvalidGrantTokenException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidGrantTokenException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidGrantTokenException.prototype);
  }
};
var MalformedPolicyDocumentException = class _MalformedPolicyDocumentException extends KMSServiceException {
  static {
    __name(this, "MalformedPolicyDocumentException");
  }
  static shapeId = "com.amazonaws.kms#MalformedPolicyDocumentException";
  name = "MalformedPolicyDocumentException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "MalformedPolicyDocumentException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _MalformedPolicyDocumentException.prototype);
  }
};
var TagException = class _TagException extends KMSServiceException {
  static {
    __name(this, "TagException");
  }
  static shapeId = "com.amazonaws.kms#TagException";
  name = "TagException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "TagException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _TagException.prototype);
  }
};
var UnsupportedOperationException = class _UnsupportedOperationException extends KMSServiceException {
  static {
    __name(this, "UnsupportedOperationException");
  }
  static shapeId = "com.amazonaws.kms#UnsupportedOperationException";
  name = "UnsupportedOperationException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "UnsupportedOperationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _UnsupportedOperationException.prototype);
  }
};
var XksKeyAlreadyInUseException = class _XksKeyAlreadyInUseException extends KMSServiceException {
  static {
    __name(this, "XksKeyAlreadyInUseException");
  }
  static shapeId = "com.amazonaws.kms#XksKeyAlreadyInUseException";
  name = "XksKeyAlreadyInUseException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksKeyAlreadyInUseException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksKeyAlreadyInUseException.prototype);
  }
};
var XksKeyInvalidConfigurationException = class _XksKeyInvalidConfigurationException extends KMSServiceException {
  static {
    __name(this, "XksKeyInvalidConfigurationException");
  }
  static shapeId = "com.amazonaws.kms#XksKeyInvalidConfigurationException";
  name = "XksKeyInvalidConfigurationException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksKeyInvalidConfigurationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksKeyInvalidConfigurationException.prototype);
  }
};
var XksKeyNotFoundException = class _XksKeyNotFoundException extends KMSServiceException {
  static {
    __name(this, "XksKeyNotFoundException");
  }
  static shapeId = "com.amazonaws.kms#XksKeyNotFoundException";
  name = "XksKeyNotFoundException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "XksKeyNotFoundException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _XksKeyNotFoundException.prototype);
  }
};
var CustomKeyStoreHasCMKsException = class _CustomKeyStoreHasCMKsException extends KMSServiceException {
  static {
    __name(this, "CustomKeyStoreHasCMKsException");
  }
  static shapeId = "com.amazonaws.kms#CustomKeyStoreHasCMKsException";
  name = "CustomKeyStoreHasCMKsException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "CustomKeyStoreHasCMKsException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _CustomKeyStoreHasCMKsException.prototype);
  }
};
var InvalidCiphertextException = class _InvalidCiphertextException extends KMSServiceException {
  static {
    __name(this, "InvalidCiphertextException");
  }
  static shapeId = "com.amazonaws.kms#InvalidCiphertextException";
  name = "InvalidCiphertextException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidCiphertextException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidCiphertextException.prototype);
  }
};
var InvalidKeyUsageException = class _InvalidKeyUsageException extends KMSServiceException {
  static {
    __name(this, "InvalidKeyUsageException");
  }
  static shapeId = "com.amazonaws.kms#InvalidKeyUsageException";
  name = "InvalidKeyUsageException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidKeyUsageException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidKeyUsageException.prototype);
  }
};
var KeyUnavailableException = class _KeyUnavailableException extends KMSServiceException {
  static {
    __name(this, "KeyUnavailableException");
  }
  static shapeId = "com.amazonaws.kms#KeyUnavailableException";
  name = "KeyUnavailableException";
  $fault = "server";
  constructor(opts) {
    super({
      name: "KeyUnavailableException",
      $fault: "server",
      ...opts
    });
    Object.setPrototypeOf(this, _KeyUnavailableException.prototype);
  }
};
var IncorrectKeyException = class _IncorrectKeyException extends KMSServiceException {
  static {
    __name(this, "IncorrectKeyException");
  }
  static shapeId = "com.amazonaws.kms#IncorrectKeyException";
  name = "IncorrectKeyException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "IncorrectKeyException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _IncorrectKeyException.prototype);
  }
};
var InvalidMarkerException = class _InvalidMarkerException extends KMSServiceException {
  static {
    __name(this, "InvalidMarkerException");
  }
  static shapeId = "com.amazonaws.kms#InvalidMarkerException";
  name = "InvalidMarkerException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidMarkerException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidMarkerException.prototype);
  }
};
var ExpiredImportTokenException = class _ExpiredImportTokenException extends KMSServiceException {
  static {
    __name(this, "ExpiredImportTokenException");
  }
  static shapeId = "com.amazonaws.kms#ExpiredImportTokenException";
  name = "ExpiredImportTokenException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "ExpiredImportTokenException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ExpiredImportTokenException.prototype);
  }
};
var IncorrectKeyMaterialException = class _IncorrectKeyMaterialException extends KMSServiceException {
  static {
    __name(this, "IncorrectKeyMaterialException");
  }
  static shapeId = "com.amazonaws.kms#IncorrectKeyMaterialException";
  name = "IncorrectKeyMaterialException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "IncorrectKeyMaterialException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _IncorrectKeyMaterialException.prototype);
  }
};
var InvalidImportTokenException = class _InvalidImportTokenException extends KMSServiceException {
  static {
    __name(this, "InvalidImportTokenException");
  }
  static shapeId = "com.amazonaws.kms#InvalidImportTokenException";
  name = "InvalidImportTokenException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidImportTokenException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidImportTokenException.prototype);
  }
};
var InvalidGrantIdException = class _InvalidGrantIdException extends KMSServiceException {
  static {
    __name(this, "InvalidGrantIdException");
  }
  static shapeId = "com.amazonaws.kms#InvalidGrantIdException";
  name = "InvalidGrantIdException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidGrantIdException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidGrantIdException.prototype);
  }
};
var KMSInvalidMacException = class _KMSInvalidMacException extends KMSServiceException {
  static {
    __name(this, "KMSInvalidMacException");
  }
  static shapeId = "com.amazonaws.kms#KMSInvalidMacException";
  name = "KMSInvalidMacException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "KMSInvalidMacException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _KMSInvalidMacException.prototype);
  }
};
var KMSInvalidSignatureException = class _KMSInvalidSignatureException extends KMSServiceException {
  static {
    __name(this, "KMSInvalidSignatureException");
  }
  static shapeId = "com.amazonaws.kms#KMSInvalidSignatureException";
  name = "KMSInvalidSignatureException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "KMSInvalidSignatureException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _KMSInvalidSignatureException.prototype);
  }
};

// node_modules/@aws-sdk/client-kms/dist-es/schemas/schemas_0.js
var _A = "Arn";
var _AD = "AttestationDocument";
var _AEE = "AlreadyExistsException";
var _AWSAI = "AWSAccountId";
var _C2 = "Constraints";
var _CB2 = "CiphertextBlob";
var _CD = "CreationDate";
var _CE2 = "ConflictException";
var _CGR = "CreateGrantRequest";
var _CHCI = "CloudHsmClusterId";
var _CHCICE = "CloudHsmClusterInvalidConfigurationException";
var _CHCIUE = "CloudHsmClusterInUseException";
var _CHCNAE = "CloudHsmClusterNotActiveException";
var _CHCNFE = "CloudHsmClusterNotFoundException";
var _CHCNRE = "CloudHsmClusterNotRelatedException";
var _CKMI = "CurrentKeyMaterialId";
var _CKSHCMKE = "CustomKeyStoreHasCMKsException";
var _CKSI = "CustomKeyStoreId";
var _CKSISE = "CustomKeyStoreInvalidStateException";
var _CKSNFE = "CustomKeyStoreNotFoundException";
var _CKSNIUE = "CustomKeyStoreNameInUseException";
var _CMKS = "CustomerMasterKeySpec";
var _D2 = "Description";
var _DD = "DeletionDate";
var _DE = "DisabledException";
var _DEA = "DestinationEncryptionAlgorithm";
var _DEC = "DestinationEncryptionContext";
var _DK = "DescribeKey";
var _DKI = "DestinationKeyId";
var _DKR = "DescribeKeyRequest";
var _DKRe = "DescribeKeyResponse";
var _DR2 = "DryRun";
var _DRM = "DryRunModifiers";
var _DROE = "DryRunOperationException";
var _DRe = "DecapsulateRequest";
var _DRecr = "DecryptRequest";
var _DSSR = "DeriveSharedSecretRequest";
var _DTE = "DependencyTimeoutException";
var _E2 = "Enabled";
var _EA = "EncapsulationAlgorithm";
var _EAn = "EncryptionAlgorithm";
var _EAnc = "EncryptionAlgorithms";
var _EAnca = "EncapsulationAlgorithms";
var _EC = "EncryptionContext";
var _ECE = "EncryptionContextEquals";
var _ECS = "EncryptionContextSubset";
var _EITE = "ExpiredImportTokenException";
var _EM = "ExpirationModel";
var _ER = "EncapsulateRequest";
var _ERnc = "EncryptRequest";
var _GC = "GrantConstraints";
var _GDKPR = "GenerateDataKeyPairRequest";
var _GDKPWPR = "GenerateDataKeyPairWithoutPlaintextRequest";
var _GDKR = "GenerateDataKeyRequest";
var _GDKWPR = "GenerateDataKeyWithoutPlaintextRequest";
var _GI = "GrantId";
var _GLE = "GrantListEntry";
var _GMR = "GenerateMacRequest";
var _GP = "GranteePrincipal";
var _GPKR = "GetPublicKeyRequest";
var _GPKRe = "GetPublicKeyResponse";
var _GSP = "GranteeServicePrincipal";
var _GT = "GrantTokens";
var _I2 = "Id";
var _IA2 = "IssuingAccount";
var _IAE = "InvalidArnException";
var _IANE = "InvalidAliasNameException";
var _ICE = "InvalidCiphertextException";
var _IGIE = "InvalidGrantIdException";
var _IGTE = "InvalidGrantTokenException";
var _IITE = "InvalidImportTokenException";
var _IKE = "IncorrectKeyException";
var _IKME = "IncorrectKeyMaterialException";
var _IKUE = "InvalidKeyUsageException";
var _IME = "InvalidMarkerException";
var _ITAE = "IncorrectTrustAnchorException";
var _KAA = "KeyAgreementAlgorithm";
var _KAAe = "KeyAgreementAlgorithms";
var _KEA = "KeyEncryptionAlgorithm";
var _KI2 = "KeyId";
var _KM = "KeyMetadata";
var _KMSIE = "KMSInternalException";
var _KMSIME = "KMSInvalidMacException";
var _KMSISE = "KMSInvalidSignatureException";
var _KMSISEn = "KMSInvalidStateException";
var _KMe = "KeyManager";
var _KPS = "KeyPairSpec";
var _KS = "KeySpec";
var _KSe = "KeyState";
var _KU = "KeyUsage";
var _KUE = "KeyUnavailableException";
var _L2 = "Limit";
var _LEE = "LimitExceededException";
var _LKPRi = "ListKeyPoliciesResponse";
var _LKR = "ListKeysRequest";
var _M3 = "Marker";
var _MA = "MacAlgorithm";
var _MAa2 = "MacAlgorithms";
var _MPDE = "MalformedPolicyDocumentException";
var _MR2 = "MultiRegion";
var _MRC = "MultiRegionConfiguration";
var _MRK = "MultiRegionKey";
var _MRKL = "MultiRegionKeyList";
var _MRKT = "MultiRegionKeyType";
var _MT = "MessageType";
var _Ma2 = "Mac";
var _Me2 = "Message";
var _N2 = "Name";
var _NFE = "NotFoundException";
var _NM = "NextMarker";
var _NOB = "NumberOfBytes";
var _O = "Operations";
var _Or = "Origin";
var _PDWID = "PendingDeletionWindowInDays";
var _PK = "PublicKey";
var _PKr = "PrimaryKey";
var _PNo = "PolicyNames";
var _PT = "PlaintextType";
var _Pl2 = "Plaintext";
var _R3 = "Recipient";
var _RER = "ReEncryptRequest";
var _RI2 = "RecipientInfo";
var _RK = "ReplicaKeys";
var _RO = "ResourceOwners";
var _RP = "RetiringPrincipal";
var _RSP = "RetiringServicePrincipal";
var _Re = "Region";
var _S2 = "Signature";
var _SA = "SigningAlgorithms";
var _SAi = "SigningAlgorithm";
var _SAo = "SourceArn";
var _SEA = "SourceEncryptionAlgorithm";
var _SEC = "SourceEncryptionContext";
var _SKI = "SourceKeyId";
var _SR = "SignRequest";
var _SSCB = "SharedSecretCiphertextBlob";
var _TE = "TagException";
var _TKa = "TagKeys";
var _Tr = "Truncated";
var _UOE = "UnsupportedOperationException";
var _URR = "UntagResourceRequest";
var _VMR = "VerifyMacRequest";
var _VR = "VerifyRequest";
var _VT2 = "ValidTo";
var _XKAIUE = "XksKeyAlreadyInUseException";
var _XKC = "XksKeyConfiguration";
var _XKCT = "XksKeyConfigurationType";
var _XKICE = "XksKeyInvalidConfigurationException";
var _XKNFE = "XksKeyNotFoundException";
var _XPIACE = "XksProxyIncorrectAuthenticationCredentialException";
var _XPICE = "XksProxyInvalidConfigurationException";
var _XPIRE = "XksProxyInvalidResponseException";
var _XPUEIUE = "XksProxyUriEndpointInUseException";
var _XPUIUE = "XksProxyUriInUseException";
var _XPUUE = "XksProxyUriUnreachableException";
var _XPVESICE = "XksProxyVpcEndpointServiceInvalidConfigurationException";
var _XPVESIUE = "XksProxyVpcEndpointServiceInUseException";
var _XPVESNFE = "XksProxyVpcEndpointServiceNotFoundException";
var _c2 = "client";
var _m = "message";
var _s3 = "smithy.ts.sdk.synthetic.com.amazonaws.kms";
var _se2 = "server";
var n03 = "com.amazonaws.kms";
var _s_registry3 = new TypeRegistry(_s3);
var KMSServiceException$ = [-3, _s3, "KMSServiceException", 0, [], []];
_s_registry3.registerError(KMSServiceException$, KMSServiceException);
var n0_registry2 = new TypeRegistry(n03);
var AlreadyExistsException$ = [
  -3,
  n03,
  _AEE,
  { "awsQueryError": [`AlreadyExists`, 409], "error": _c2, "httpError": 409 },
  [_m],
  [0]
];
n0_registry2.registerError(AlreadyExistsException$, AlreadyExistsException);
var CloudHsmClusterInUseException$ = [
  -3,
  n03,
  _CHCIUE,
  { "awsQueryError": [`CloudHsmClusterInUseException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CloudHsmClusterInUseException$, CloudHsmClusterInUseException);
var CloudHsmClusterInvalidConfigurationException$ = [
  -3,
  n03,
  _CHCICE,
  { "awsQueryError": [`CloudHsmClusterInvalidConfigurationException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CloudHsmClusterInvalidConfigurationException$, CloudHsmClusterInvalidConfigurationException);
var CloudHsmClusterNotActiveException$ = [
  -3,
  n03,
  _CHCNAE,
  { "awsQueryError": [`CloudHsmClusterNotActiveException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CloudHsmClusterNotActiveException$, CloudHsmClusterNotActiveException);
var CloudHsmClusterNotFoundException$ = [
  -3,
  n03,
  _CHCNFE,
  { "awsQueryError": [`CloudHsmClusterNotFoundException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CloudHsmClusterNotFoundException$, CloudHsmClusterNotFoundException);
var CloudHsmClusterNotRelatedException$ = [
  -3,
  n03,
  _CHCNRE,
  { "awsQueryError": [`CloudHsmClusterNotRelatedException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CloudHsmClusterNotRelatedException$, CloudHsmClusterNotRelatedException);
var ConflictException$2 = [
  -3,
  n03,
  _CE2,
  { "awsQueryError": [`ConflictException`, 409], "error": _c2, "httpError": 409 },
  [_m],
  [0]
];
n0_registry2.registerError(ConflictException$2, ConflictException2);
var CustomKeyStoreHasCMKsException$ = [
  -3,
  n03,
  _CKSHCMKE,
  { "awsQueryError": [`CustomKeyStoreHasCMKsException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CustomKeyStoreHasCMKsException$, CustomKeyStoreHasCMKsException);
var CustomKeyStoreInvalidStateException$ = [
  -3,
  n03,
  _CKSISE,
  { "awsQueryError": [`CustomKeyStoreInvalidStateException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CustomKeyStoreInvalidStateException$, CustomKeyStoreInvalidStateException);
var CustomKeyStoreNameInUseException$ = [
  -3,
  n03,
  _CKSNIUE,
  { "awsQueryError": [`CustomKeyStoreNameInUseException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CustomKeyStoreNameInUseException$, CustomKeyStoreNameInUseException);
var CustomKeyStoreNotFoundException$ = [
  -3,
  n03,
  _CKSNFE,
  { "awsQueryError": [`CustomKeyStoreNotFoundException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(CustomKeyStoreNotFoundException$, CustomKeyStoreNotFoundException);
var DependencyTimeoutException$ = [
  -3,
  n03,
  _DTE,
  { "awsQueryError": [`DependencyTimeout`, 503], "error": _se2, "httpError": 503 },
  [_m],
  [0]
];
n0_registry2.registerError(DependencyTimeoutException$, DependencyTimeoutException);
var DisabledException$ = [
  -3,
  n03,
  _DE,
  { "awsQueryError": [`Disabled`, 409], "error": _c2, "httpError": 409 },
  [_m],
  [0]
];
n0_registry2.registerError(DisabledException$, DisabledException);
var DryRunOperationException$ = [
  -3,
  n03,
  _DROE,
  { "awsQueryError": [`DryRunOperation`, 412], "error": _c2, "httpError": 412 },
  [_m],
  [0]
];
n0_registry2.registerError(DryRunOperationException$, DryRunOperationException);
var ExpiredImportTokenException$ = [
  -3,
  n03,
  _EITE,
  { "awsQueryError": [`ExpiredImportTokenException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(ExpiredImportTokenException$, ExpiredImportTokenException);
var IncorrectKeyException$ = [
  -3,
  n03,
  _IKE,
  { "awsQueryError": [`IncorrectKeyException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(IncorrectKeyException$, IncorrectKeyException);
var IncorrectKeyMaterialException$ = [
  -3,
  n03,
  _IKME,
  { "awsQueryError": [`IncorrectKeyMaterialException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(IncorrectKeyMaterialException$, IncorrectKeyMaterialException);
var IncorrectTrustAnchorException$ = [
  -3,
  n03,
  _ITAE,
  { "awsQueryError": [`IncorrectTrustAnchorException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(IncorrectTrustAnchorException$, IncorrectTrustAnchorException);
var InvalidAliasNameException$ = [
  -3,
  n03,
  _IANE,
  { "awsQueryError": [`InvalidAliasName`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidAliasNameException$, InvalidAliasNameException);
var InvalidArnException$ = [
  -3,
  n03,
  _IAE,
  { "awsQueryError": [`InvalidArn`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidArnException$, InvalidArnException);
var InvalidCiphertextException$ = [
  -3,
  n03,
  _ICE,
  { "awsQueryError": [`InvalidCiphertext`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidCiphertextException$, InvalidCiphertextException);
var InvalidGrantIdException$ = [
  -3,
  n03,
  _IGIE,
  { "awsQueryError": [`InvalidGrantId`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidGrantIdException$, InvalidGrantIdException);
var InvalidGrantTokenException$ = [
  -3,
  n03,
  _IGTE,
  { "awsQueryError": [`InvalidGrantToken`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidGrantTokenException$, InvalidGrantTokenException);
var InvalidImportTokenException$ = [
  -3,
  n03,
  _IITE,
  { "awsQueryError": [`InvalidImportTokenException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidImportTokenException$, InvalidImportTokenException);
var InvalidKeyUsageException$ = [
  -3,
  n03,
  _IKUE,
  { "awsQueryError": [`InvalidKeyUsage`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidKeyUsageException$, InvalidKeyUsageException);
var InvalidMarkerException$ = [
  -3,
  n03,
  _IME,
  { "awsQueryError": [`InvalidMarker`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(InvalidMarkerException$, InvalidMarkerException);
var KeyUnavailableException$ = [
  -3,
  n03,
  _KUE,
  { "awsQueryError": [`KeyUnavailable`, 500], "error": _se2, "httpError": 500 },
  [_m],
  [0]
];
n0_registry2.registerError(KeyUnavailableException$, KeyUnavailableException);
var KMSInternalException$ = [
  -3,
  n03,
  _KMSIE,
  { "awsQueryError": [`KMSInternal`, 500], "error": _se2, "httpError": 500 },
  [_m],
  [0]
];
n0_registry2.registerError(KMSInternalException$, KMSInternalException);
var KMSInvalidMacException$ = [
  -3,
  n03,
  _KMSIME,
  { "awsQueryError": [`KMSInvalidMac`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(KMSInvalidMacException$, KMSInvalidMacException);
var KMSInvalidSignatureException$ = [
  -3,
  n03,
  _KMSISE,
  { "awsQueryError": [`KMSInvalidSignature`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(KMSInvalidSignatureException$, KMSInvalidSignatureException);
var KMSInvalidStateException$ = [
  -3,
  n03,
  _KMSISEn,
  { "awsQueryError": [`KMSInvalidStateException`, 409], "error": _c2, "httpError": 409 },
  [_m],
  [0]
];
n0_registry2.registerError(KMSInvalidStateException$, KMSInvalidStateException);
var LimitExceededException$ = [
  -3,
  n03,
  _LEE,
  { "awsQueryError": [`LimitExceeded`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(LimitExceededException$, LimitExceededException);
var MalformedPolicyDocumentException$ = [
  -3,
  n03,
  _MPDE,
  { "awsQueryError": [`MalformedPolicyDocument`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(MalformedPolicyDocumentException$, MalformedPolicyDocumentException);
var NotFoundException$ = [
  -3,
  n03,
  _NFE,
  { "awsQueryError": [`NotFound`, 404], "error": _c2, "httpError": 404 },
  [_m],
  [0]
];
n0_registry2.registerError(NotFoundException$, NotFoundException);
var TagException$ = [
  -3,
  n03,
  _TE,
  { "awsQueryError": [`TagException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(TagException$, TagException);
var UnsupportedOperationException$ = [
  -3,
  n03,
  _UOE,
  { "awsQueryError": [`UnsupportedOperation`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(UnsupportedOperationException$, UnsupportedOperationException);
var XksKeyAlreadyInUseException$ = [
  -3,
  n03,
  _XKAIUE,
  { "awsQueryError": [`XksKeyAlreadyInUse`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksKeyAlreadyInUseException$, XksKeyAlreadyInUseException);
var XksKeyInvalidConfigurationException$ = [
  -3,
  n03,
  _XKICE,
  { "awsQueryError": [`XksKeyInvalidConfiguration`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksKeyInvalidConfigurationException$, XksKeyInvalidConfigurationException);
var XksKeyNotFoundException$ = [
  -3,
  n03,
  _XKNFE,
  { "awsQueryError": [`XksKeyNotFoundException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksKeyNotFoundException$, XksKeyNotFoundException);
var XksProxyIncorrectAuthenticationCredentialException$ = [
  -3,
  n03,
  _XPIACE,
  { "awsQueryError": [`XksProxyIncorrectAuthenticationCredentialException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyIncorrectAuthenticationCredentialException$, XksProxyIncorrectAuthenticationCredentialException);
var XksProxyInvalidConfigurationException$ = [
  -3,
  n03,
  _XPICE,
  { "awsQueryError": [`XksProxyInvalidConfigurationException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyInvalidConfigurationException$, XksProxyInvalidConfigurationException);
var XksProxyInvalidResponseException$ = [
  -3,
  n03,
  _XPIRE,
  { "awsQueryError": [`XksProxyInvalidResponseException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyInvalidResponseException$, XksProxyInvalidResponseException);
var XksProxyUriEndpointInUseException$ = [
  -3,
  n03,
  _XPUEIUE,
  { "awsQueryError": [`XksProxyUriEndpointInUseException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyUriEndpointInUseException$, XksProxyUriEndpointInUseException);
var XksProxyUriInUseException$ = [
  -3,
  n03,
  _XPUIUE,
  { "awsQueryError": [`XksProxyUriInUseException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyUriInUseException$, XksProxyUriInUseException);
var XksProxyUriUnreachableException$ = [
  -3,
  n03,
  _XPUUE,
  { "awsQueryError": [`XksProxyUriUnreachableException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyUriUnreachableException$, XksProxyUriUnreachableException);
var XksProxyVpcEndpointServiceInUseException$ = [
  -3,
  n03,
  _XPVESIUE,
  { "awsQueryError": [`XksProxyVpcEndpointServiceInUseException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyVpcEndpointServiceInUseException$, XksProxyVpcEndpointServiceInUseException);
var XksProxyVpcEndpointServiceInvalidConfigurationException$ = [
  -3,
  n03,
  _XPVESICE,
  { "awsQueryError": [`XksProxyVpcEndpointServiceInvalidConfigurationException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyVpcEndpointServiceInvalidConfigurationException$, XksProxyVpcEndpointServiceInvalidConfigurationException);
var XksProxyVpcEndpointServiceNotFoundException$ = [
  -3,
  n03,
  _XPVESNFE,
  { "awsQueryError": [`XksProxyVpcEndpointServiceNotFoundException`, 400], "error": _c2, "httpError": 400 },
  [_m],
  [0]
];
n0_registry2.registerError(XksProxyVpcEndpointServiceNotFoundException$, XksProxyVpcEndpointServiceNotFoundException);
var errorTypeRegistries3 = [
  _s_registry3,
  n0_registry2
];
var PlaintextType = [0, n03, _PT, 8, 21];
var CreateGrantRequest$ = [
  3,
  n03,
  _CGR,
  0,
  [_KI2, _O, _GP, _RP, _C2, _GT, _N2, _DR2, _GSP, _RSP],
  [0, 64 | 0, 0, 0, () => GrantConstraints$, 64 | 0, 0, 2, 0, 0],
  2
];
var DecapsulateRequest$ = [
  3,
  n03,
  _DRe,
  0,
  [_KI2, _SSCB, _EA, _GT, _DR2],
  [0, 21, 0, 64 | 0, 2],
  3
];
var DecryptRequest$ = [
  3,
  n03,
  _DRecr,
  0,
  [_CB2, _EC, _GT, _KI2, _EAn, _R3, _DR2, _DRM],
  [21, 128 | 0, 64 | 0, 0, 0, () => RecipientInfo$, 2, 64 | 0]
];
var DeriveSharedSecretRequest$ = [
  3,
  n03,
  _DSSR,
  0,
  [_KI2, _KAA, _PK, _GT, _DR2, _R3],
  [0, 0, 21, 64 | 0, 2, () => RecipientInfo$],
  3
];
var DescribeKeyRequest$ = [
  3,
  n03,
  _DKR,
  0,
  [_KI2, _GT],
  [0, 64 | 0],
  1
];
var DescribeKeyResponse$ = [
  3,
  n03,
  _DKRe,
  0,
  [_KM],
  [() => KeyMetadata$]
];
var EncapsulateRequest$ = [
  3,
  n03,
  _ER,
  0,
  [_KI2, _EA, _GT, _DR2],
  [0, 0, 64 | 0, 2],
  2
];
var EncryptRequest$ = [
  3,
  n03,
  _ERnc,
  0,
  [_KI2, _Pl2, _EC, _GT, _EAn, _DR2],
  [0, [() => PlaintextType, 0], 128 | 0, 64 | 0, 0, 2],
  2
];
var GenerateDataKeyPairRequest$ = [
  3,
  n03,
  _GDKPR,
  0,
  [_KI2, _KPS, _EC, _GT, _R3, _DR2],
  [0, 0, 128 | 0, 64 | 0, () => RecipientInfo$, 2],
  2
];
var GenerateDataKeyPairWithoutPlaintextRequest$ = [
  3,
  n03,
  _GDKPWPR,
  0,
  [_KI2, _KPS, _EC, _GT, _DR2],
  [0, 0, 128 | 0, 64 | 0, 2],
  2
];
var GenerateDataKeyRequest$ = [
  3,
  n03,
  _GDKR,
  0,
  [_KI2, _EC, _NOB, _KS, _GT, _R3, _DR2],
  [0, 128 | 0, 1, 0, 64 | 0, () => RecipientInfo$, 2],
  1
];
var GenerateDataKeyWithoutPlaintextRequest$ = [
  3,
  n03,
  _GDKWPR,
  0,
  [_KI2, _EC, _KS, _NOB, _GT, _DR2],
  [0, 128 | 0, 0, 1, 64 | 0, 2],
  1
];
var GenerateMacRequest$ = [
  3,
  n03,
  _GMR,
  0,
  [_Me2, _KI2, _MA, _GT, _DR2],
  [[() => PlaintextType, 0], 0, 0, 64 | 0, 2],
  3
];
var GetPublicKeyRequest$ = [
  3,
  n03,
  _GPKR,
  0,
  [_KI2, _GT],
  [0, 64 | 0],
  1
];
var GetPublicKeyResponse$ = [
  3,
  n03,
  _GPKRe,
  0,
  [_KI2, _PK, _CMKS, _KS, _KU, _EAnc, _SA, _KAAe, _EAnca],
  [0, 21, 0, 0, 0, 64 | 0, 64 | 0, 64 | 0, 64 | 0]
];
var GrantConstraints$ = [
  3,
  n03,
  _GC,
  0,
  [_ECS, _ECE, _SAo],
  [128 | 0, 128 | 0, 0]
];
var GrantListEntry$ = [
  3,
  n03,
  _GLE,
  0,
  [_KI2, _GI, _N2, _CD, _GP, _RP, _IA2, _O, _C2, _GSP, _RSP],
  [0, 0, 0, 4, 0, 0, 0, 64 | 0, () => GrantConstraints$, 0, 0]
];
var KeyMetadata$ = [
  3,
  n03,
  _KM,
  0,
  [_KI2, _AWSAI, _A, _CD, _E2, _D2, _KU, _KSe, _DD, _VT2, _Or, _CKSI, _CHCI, _EM, _KMe, _CMKS, _KS, _EAnc, _SA, _KAAe, _EAnca, _MR2, _MRC, _PDWID, _MAa2, _XKC, _CKMI],
  [0, 0, 0, 4, 2, 0, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 64 | 0, 64 | 0, 64 | 0, 64 | 0, 2, () => MultiRegionConfiguration$, 1, 64 | 0, () => XksKeyConfigurationType$, 0],
  1
];
var ListKeyPoliciesResponse$ = [
  3,
  n03,
  _LKPRi,
  0,
  [_PNo, _NM, _Tr],
  [64 | 0, 0, 2]
];
var ListKeysRequest$ = [
  3,
  n03,
  _LKR,
  0,
  [_L2, _M3, _RO],
  [1, 0, 64 | 0]
];
var MultiRegionConfiguration$ = [
  3,
  n03,
  _MRC,
  0,
  [_MRKT, _PKr, _RK],
  [0, () => MultiRegionKey$, () => MultiRegionKeyList]
];
var MultiRegionKey$ = [
  3,
  n03,
  _MRK,
  0,
  [_A, _Re],
  [0, 0]
];
var RecipientInfo$ = [
  3,
  n03,
  _RI2,
  0,
  [_KEA, _AD],
  [0, 21]
];
var ReEncryptRequest$ = [
  3,
  n03,
  _RER,
  0,
  [_DKI, _CB2, _SEC, _SKI, _DEC, _SEA, _DEA, _GT, _DR2, _DRM],
  [0, 21, 128 | 0, 0, 128 | 0, 0, 0, 64 | 0, 2, 64 | 0],
  1
];
var SignRequest$ = [
  3,
  n03,
  _SR,
  0,
  [_KI2, _Me2, _SAi, _MT, _GT, _DR2],
  [0, [() => PlaintextType, 0], 0, 0, 64 | 0, 2],
  3
];
var UntagResourceRequest$ = [
  3,
  n03,
  _URR,
  0,
  [_KI2, _TKa],
  [0, 64 | 0],
  2
];
var VerifyMacRequest$ = [
  3,
  n03,
  _VMR,
  0,
  [_Me2, _KI2, _MA, _Ma2, _GT, _DR2],
  [[() => PlaintextType, 0], 0, 0, 21, 64 | 0, 2],
  4
];
var VerifyRequest$ = [
  3,
  n03,
  _VR,
  0,
  [_KI2, _Me2, _S2, _SAi, _MT, _GT, _DR2],
  [0, [() => PlaintextType, 0], 21, 0, 0, 64 | 0, 2],
  4
];
var XksKeyConfigurationType$ = [
  3,
  n03,
  _XKCT,
  0,
  [_I2],
  [0]
];
var DryRunModifierList = 64 | 0;
var EncapsulationAlgorithmSpecList = 64 | 0;
var EncryptionAlgorithmSpecList = 64 | 0;
var GrantOperationList = 64 | 0;
var GrantTokenList = 64 | 0;
var KeyAgreementAlgorithmSpecList = 64 | 0;
var MacAlgorithmSpecList = 64 | 0;
var MultiRegionKeyList = [
  1,
  n03,
  _MRKL,
  0,
  () => MultiRegionKey$
];
var PolicyNameList = 64 | 0;
var ResourceOwnersList = 64 | 0;
var SigningAlgorithmSpecList = 64 | 0;
var TagKeyList = 64 | 0;
var EncryptionContextType = 128 | 0;
var DescribeKey$ = [
  9,
  n03,
  _DK,
  0,
  () => DescribeKeyRequest$,
  () => DescribeKeyResponse$
];

// node_modules/@aws-sdk/client-kms/dist-es/runtimeConfig.shared.js
var getRuntimeConfig5 = /* @__PURE__ */ __name((config) => {
  return {
    apiVersion: "2014-11-01",
    base64Decoder: config?.base64Decoder ?? fromBase64,
    base64Encoder: config?.base64Encoder ?? toBase64,
    disableHostPrefix: config?.disableHostPrefix ?? false,
    endpointProvider: config?.endpointProvider ?? defaultEndpointResolver3,
    extensions: config?.extensions ?? [],
    httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultKMSHttpAuthSchemeProvider,
    httpAuthSchemes: config?.httpAuthSchemes ?? [
      {
        schemeId: "aws.auth#sigv4",
        identityProvider: /* @__PURE__ */ __name((ipc) => ipc.getIdentityProvider("aws.auth#sigv4"), "identityProvider"),
        signer: new AwsSdkSigV4Signer()
      }
    ],
    logger: config?.logger ?? new NoOpLogger(),
    protocol: config?.protocol ?? AwsJson1_1Protocol,
    protocolSettings: config?.protocolSettings ?? {
      defaultNamespace: "com.amazonaws.kms",
      errorTypeRegistries: errorTypeRegistries3,
      xmlNamespace: "https://trent.amazonaws.com/doc/2014-11-01/",
      version: "2014-11-01",
      serviceTarget: "TrentService"
    },
    serviceId: config?.serviceId ?? "KMS",
    sha256: config?.sha256 ?? Sha256Node,
    urlParser: config?.urlParser ?? parseUrl,
    utf8Decoder: config?.utf8Decoder ?? fromUtf8,
    utf8Encoder: config?.utf8Encoder ?? toUtf8
  };
}, "getRuntimeConfig");

// node_modules/@aws-sdk/client-kms/dist-es/runtimeConfig.js
var getRuntimeConfig6 = /* @__PURE__ */ __name((config) => {
  emitWarningIfUnsupportedVersion2(process.version);
  const defaultsMode = resolveDefaultsModeConfig(config);
  const defaultConfigProvider = /* @__PURE__ */ __name(() => defaultsMode().then(loadConfigsForDefaultMode), "defaultConfigProvider");
  const clientSharedValues = getRuntimeConfig5(config);
  emitWarningIfUnsupportedVersion(process.version);
  const loaderConfig = {
    profile: config?.profile,
    logger: clientSharedValues.logger
  };
  return {
    ...clientSharedValues,
    ...config,
    runtime: "node",
    defaultsMode,
    authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
    bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
    credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
    defaultSocketTimeout: getDefaultSocketTimeout(config?.requestHandler, 3e5),
    defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: package_default3.version }),
    maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
    region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
    requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
    retryMode: config?.retryMode ?? loadConfig({
      ...NODE_RETRY_MODE_CONFIG_OPTIONS,
      default: /* @__PURE__ */ __name(async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE, "default")
    }, config),
    streamCollector: config?.streamCollector ?? streamCollector,
    useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
  };
}, "getRuntimeConfig");

// node_modules/@aws-sdk/client-kms/dist-es/auth/httpAuthExtensionConfiguration.js
var getHttpAuthExtensionConfiguration3 = /* @__PURE__ */ __name((runtimeConfig) => {
  const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
  let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
  let _credentials = runtimeConfig.credentials;
  return {
    setHttpAuthScheme(httpAuthScheme) {
      const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
      if (index === -1) {
        _httpAuthSchemes.push(httpAuthScheme);
      } else {
        _httpAuthSchemes.splice(index, 1, httpAuthScheme);
      }
    },
    httpAuthSchemes() {
      return _httpAuthSchemes;
    },
    setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
      _httpAuthSchemeProvider = httpAuthSchemeProvider;
    },
    httpAuthSchemeProvider() {
      return _httpAuthSchemeProvider;
    },
    setCredentials(credentials) {
      _credentials = credentials;
    },
    credentials() {
      return _credentials;
    }
  };
}, "getHttpAuthExtensionConfiguration");
var resolveHttpAuthRuntimeConfig3 = /* @__PURE__ */ __name((config) => {
  return {
    httpAuthSchemes: config.httpAuthSchemes(),
    httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
    credentials: config.credentials()
  };
}, "resolveHttpAuthRuntimeConfig");

// node_modules/@aws-sdk/client-kms/dist-es/runtimeExtensions.js
var resolveRuntimeExtensions3 = /* @__PURE__ */ __name((runtimeConfig, extensions) => {
  const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration3(runtimeConfig));
  extensions.forEach((extension) => extension.configure(extensionConfiguration));
  return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig3(extensionConfiguration));
}, "resolveRuntimeExtensions");

// node_modules/@aws-sdk/client-kms/dist-es/KMSClient.js
var KMSClient = class extends Client {
  static {
    __name(this, "KMSClient");
  }
  config;
  constructor(...[configuration]) {
    const _config_0 = getRuntimeConfig6(configuration || {});
    super(_config_0);
    this.initConfig = _config_0;
    const _config_1 = resolveClientEndpointParameters3(_config_0);
    const _config_2 = resolveUserAgentConfig(_config_1);
    const _config_3 = resolveRetryConfig(_config_2);
    const _config_4 = resolveRegionConfig(_config_3);
    const _config_5 = resolveHostHeaderConfig(_config_4);
    const _config_6 = resolveEndpointConfig(_config_5);
    const _config_7 = resolveHttpAuthSchemeConfig3(_config_6);
    const _config_8 = resolveRuntimeExtensions3(_config_7, configuration?.extensions || []);
    this.config = _config_8;
    this.middlewareStack.use(getSchemaSerdePlugin(this.config));
    this.middlewareStack.use(getUserAgentPlugin(this.config));
    this.middlewareStack.use(getRetryPlugin(this.config));
    this.middlewareStack.use(getContentLengthPlugin(this.config));
    this.middlewareStack.use(getHostHeaderPlugin(this.config));
    this.middlewareStack.use(getLoggerPlugin(this.config));
    this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
    this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
      httpAuthSchemeParametersProvider: defaultKMSHttpAuthSchemeParametersProvider,
      identityProviderConfigProvider: /* @__PURE__ */ __name(async (config) => new DefaultIdentityProviderConfig({
        "aws.auth#sigv4": config.credentials
      }), "identityProviderConfigProvider")
    }));
    this.middlewareStack.use(getHttpSigningPlugin(this.config));
  }
  destroy() {
    super.destroy();
  }
};

// node_modules/@aws-sdk/client-kms/dist-es/commandBuilder.js
var command3 = makeBuilder(commonParams3, "TrentService", "KMSClient", getEndpointPlugin);
var _ep03 = {};
var _mw03 = /* @__PURE__ */ __name((Command, cs, config, o) => [], "_mw0");

// node_modules/@aws-sdk/client-kms/dist-es/commands/DescribeKeyCommand.js
var DescribeKeyCommand = class extends command3(_ep03, _mw03, "DescribeKey", DescribeKey$) {
  static {
    __name(this, "DescribeKeyCommand");
  }
};

// src/cloud/aws/concurrency.ts
var CONCURRENCY_START = 32;
var CONCURRENCY_MIN = 4;
var CONCURRENCY_MAX = 64;
var GROW_STEP = 4;
var CLEAN_RUN_TO_GROW = 50;
var THROTTLE_BURST = 3;
var THROTTLE_WINDOW = 20;
var ConcurrencyController = class {
  static {
    __name(this, "ConcurrencyController");
  }
  adaptive;
  #limit;
  /**
   * Bumped by every decrease. A request reports the epoch it started in, and only a request
   * started under the current limit can lower it again: the 28 rejections of one 32-wide wave
   * are one signal, not five halvings to the floor.
   */
  #epoch = 0;
  #recent = [];
  #cleanRun = 0;
  #lowest;
  #highest;
  #decreases = 0;
  constructor(setting) {
    this.adaptive = setting === "adaptive";
    if (setting !== "adaptive" && !(Number.isInteger(setting) && setting >= 1)) {
      throw new Error(`concurrency must be 'adaptive' or a whole number >= 1, got ${setting}`);
    }
    if (typeof setting === "number" && setting > CONCURRENCY_MAX) {
      throw new Error(`concurrency ${setting} exceeds the maximum of ${CONCURRENCY_MAX}`);
    }
    this.#limit = setting === "adaptive" ? CONCURRENCY_START : setting;
    this.#lowest = this.#limit;
    this.#highest = this.#limit;
  }
  get limit() {
    return this.#limit;
  }
  get epoch() {
    return this.#epoch;
  }
  /** The range the limit moved in, and how often it was halved. */
  get stats() {
    return { lowest: this.#lowest, highest: this.#highest, decreases: this.#decreases };
  }
  /** Records the outcome of a request that started in `epoch`. */
  report(signal, epoch) {
    if (!this.adaptive) return;
    if (signal === "concurrency-limit") {
      if (epoch === this.#epoch) this.#decrease();
      return;
    }
    const throttled = signal === "throttled";
    this.#cleanRun = throttled ? 0 : this.#cleanRun + 1;
    if (epoch === this.#epoch) {
      this.#recent.push(throttled);
      if (this.#recent.length > THROTTLE_WINDOW) this.#recent.shift();
      if (this.#recent.filter(Boolean).length >= THROTTLE_BURST) {
        this.#decrease();
        return;
      }
    }
    if (this.#cleanRun >= CLEAN_RUN_TO_GROW) {
      this.#cleanRun = 0;
      this.#set(Math.min(CONCURRENCY_MAX, this.#limit + GROW_STEP));
    }
  }
  #decrease() {
    this.#recent = [];
    this.#cleanRun = 0;
    if (this.#limit === CONCURRENCY_MIN) return;
    this.#epoch++;
    this.#decreases++;
    this.#set(Math.max(CONCURRENCY_MIN, Math.floor(this.#limit / 2)));
  }
  #set(limit) {
    this.#limit = limit;
    this.#lowest = Math.min(this.#lowest, limit);
    this.#highest = Math.max(this.#highest, limit);
  }
};

// src/cloud/aws/clients.ts
var SDK_MAX_ATTEMPTS = 6;
var MAX_SOCKETS = CONCURRENCY_MAX;
var CONNECTION_TIMEOUT_MS = 1e4;
var SOCKET_TIMEOUT_MS = 6e4;
function withBlockPayloadHash(ebs) {
  ebs.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input;
      const request = args.request;
      if (context.commandName === "PutSnapshotBlockCommand" && input.Checksum && request?.headers) {
        request.headers["x-amz-content-sha256"] = Buffer.from(input.Checksum, "base64").toString(
          "hex"
        );
      }
      return next(args);
    },
    { step: "build", name: "nanoshipBlockPayloadHash" }
  );
  return ebs;
}
__name(withBlockPayloadHash, "withBlockPayloadHash");
var QUIET_LOGGER = { debug() {
}, info() {
}, warn() {
}, error() {
} };
var AwsClients = class {
  static {
    __name(this, "AwsClients");
  }
  #regions = /* @__PURE__ */ new Map();
  #requestHandler = {
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    // Plain HTTP only when an endpoint variable points at one (a local test double).
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS
  };
  /** The clients bound to `region`: requests are sent to and signed for that region. */
  forRegion(region) {
    let clients = this.#regions.get(region);
    if (clients === void 0) {
      clients = {
        region,
        // Standard, not adaptive (cloud-publishing §1.6.2 suggested adaptive): the adaptive
        // mode's client-side token bucket stacks on the uploader's own concurrency control,
        // recovers on a slow curve, and under a steady share of throttled requests cut a
        // 64 MiB upload to ~0.6 MB/s against the fake. The uploader already halves its
        // concurrency on throttling, told by each response's retry count.
        ebs: withBlockPayloadHash(
          new EBSClient({
            region,
            maxAttempts: SDK_MAX_ATTEMPTS,
            retryMode: "standard",
            requestHandler: this.#requestHandler,
            logger: QUIET_LOGGER
          })
        ),
        ec2: new EC2Client({
          region,
          maxAttempts: SDK_MAX_ATTEMPTS,
          retryMode: "standard",
          requestHandler: this.#requestHandler
        }),
        kms: new KMSClient({
          region,
          maxAttempts: SDK_MAX_ATTEMPTS,
          retryMode: "standard",
          requestHandler: this.#requestHandler
        })
      };
      this.#regions.set(region, clients);
    }
    return clients;
  }
  destroy() {
    for (const { ebs, ec2, kms } of this.#regions.values()) {
      ebs.destroy();
      ec2.destroy();
      kms.destroy();
    }
    this.#regions.clear();
    this.#requestHandler.httpsAgent.destroy();
    this.#requestHandler.httpAgent.destroy();
  }
};

// src/cloud/aws/publisher.ts
const { createHash: createHash2, randomUUID } = process.getBuiltinModule("node:crypto");

// src/cloud/aws/ami.ts
var ROOT_DEVICE = "/dev/sda1";
var IMDS_V1_KLIBS = ["aws", "cloudwatch"];
var IMDS_V1_WARNING = "The image includes the aws or cloudwatch klib, which reads instance metadata with IMDSv1: the AMI does not require IMDSv2 (ImdsSupport left unset). Instances launched from it accept IMDSv1 unless their launch settings require tokens.";
function amiArchitecture(arch) {
  return arch === "aarch64" ? "arm64" : "x86_64";
}
__name(amiArchitecture, "amiArchitecture");
function amiBootMode(arch, bootMode) {
  if (arch === "aarch64") return "uefi";
  return bootMode === "bios" ? "legacy-bios" : bootMode === "uefi" ? "uefi" : "uefi-preferred";
}
__name(amiBootMode, "amiBootMode");
function canRequireImdsV2(klibs) {
  return !klibs.some((klib) => IMDS_V1_KLIBS.includes(klib));
}
__name(canRequireImdsV2, "canRequireImdsV2");
async function registerImage(ec2, region, spec, signal) {
  const site = { operation: "RegisterImage", region, subject: spec.snapshotId };
  try {
    const out = await ec2.send(
      new RegisterImageCommand({
        Name: spec.name,
        Description: spec.description,
        Architecture: amiArchitecture(spec.arch),
        RootDeviceName: ROOT_DEVICE,
        BlockDeviceMappings: [
          {
            DeviceName: ROOT_DEVICE,
            // No VolumeSize: the snapshot's. No Encrypted: a volume inherits its snapshot's.
            Ebs: { SnapshotId: spec.snapshotId, VolumeType: "gp3", DeleteOnTermination: true }
          }
        ],
        VirtualizationType: "hvm",
        EnaSupport: true,
        BootMode: amiBootMode(spec.arch, spec.bootMode),
        ...spec.requireImdsV2 ? { ImdsSupport: "v2.0" } : {},
        TagSpecifications: [{ ResourceType: "image", Tags: tagList(spec.tags) }]
      }),
      { abortSignal: signal }
    );
    if (out.ImageId === void 0) throw new Error("RegisterImage returned no ImageId");
    return out.ImageId;
  } catch (error) {
    if (awsErrorCode(error) !== "InvalidAMIName.Duplicate") throw awsFailure(error, site);
    return adoptDuplicate(ec2, region, spec, signal, error);
  }
}
__name(registerImage, "registerImage");
async function adoptDuplicate(ec2, region, spec, signal, error) {
  const holder = await findImageByName(ec2, region, spec.name, signal);
  const digest = spec.tags[TagKeys.digest];
  if (holder !== void 0 && holder.tags[TagKeys.digest] === digest) return holder.imageId;
  throw new UserError(
    `An AMI named "${spec.name}" already exists in ${region}${holder ? ` (${holder.imageId})` : ""} and holds a different image (digest ${holder?.tags[TagKeys.digest] ?? "unknown"}, this image is ${digest}). Deregister it, or publish with another version or image name.`,
    { cause: error }
  );
}
__name(adoptDuplicate, "adoptDuplicate");

// src/cloud/aws/distribute.ts
var PUBLIC_WARNING = "Any AWS account can now launch them and read every byte of the image (program, files, configuration, anything secret that went into it). If that was not intended, set aws-public to false and deregister them.";
async function copyImage(destination, destinationRegion, spec, signal) {
  try {
    const out = await destination.send(
      new CopyImageCommand({
        SourceRegion: spec.sourceRegion,
        SourceImageId: spec.sourceImageId,
        Name: spec.name,
        Description: spec.description,
        ClientToken: spec.clientToken,
        ...spec.encrypted ? { Encrypted: true } : {},
        TagSpecifications: [
          { ResourceType: "image", Tags: tagList(spec.imageTags) },
          { ResourceType: "snapshot", Tags: tagList(spec.snapshotTags) }
        ]
      }),
      { abortSignal: signal }
    );
    if (out.ImageId === void 0) throw new Error("CopyImage returned no ImageId");
    return out.ImageId;
  } catch (error) {
    const site = {
      operation: "CopyImage",
      region: destinationRegion,
      subject: `${spec.sourceImageId} from ${spec.sourceRegion}`
    };
    if (awsErrorCode(error) !== "InvalidAMIName.Duplicate") throw awsFailure(error, site);
    const holder = await findImageByName(destination, destinationRegion, spec.name, signal);
    const digest = spec.imageTags[TagKeys.digest];
    if (holder !== void 0 && holder.tags[TagKeys.digest] === digest) return holder.imageId;
    throw new UserError(
      `An AMI named "${spec.name}" already exists in ${destinationRegion}${holder ? ` (${holder.imageId})` : ""} and holds a different image: deregister it, or publish with another version or image name.`,
      { cause: error }
    );
  }
}
__name(copyImage, "copyImage");
function launchPermission(target) {
  if (/^\d{12}$/.test(target)) return { UserId: target };
  if (target.includes(":organization/")) return { OrganizationArn: target };
  if (target.includes(":ou/")) return { OrganizationalUnitArn: target };
  throw new Error(`not an account id, organisation ARN or OU ARN: ${target}`);
}
__name(launchPermission, "launchPermission");
async function shareImage(ec2, region, imageId, snapshotIds, targets, signal) {
  if (targets.length === 0) return;
  await callAws(
    { operation: "ModifyImageAttribute", region, subject: imageId },
    () => ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Add: targets.map(launchPermission) }
      }),
      { abortSignal: signal }
    )
  );
  const accounts = targets.filter((target) => /^\d{12}$/.test(target));
  if (accounts.length === 0) return;
  for (const snapshotId of snapshotIds) {
    await callAws(
      { operation: "ModifySnapshotAttribute", region, subject: snapshotId },
      () => ec2.send(
        new ModifySnapshotAttributeCommand({
          SnapshotId: snapshotId,
          Attribute: "createVolumePermission",
          OperationType: "add",
          UserIds: accounts
        }),
        { abortSignal: signal }
      )
    );
  }
}
__name(shareImage, "shareImage");
async function checkPublicSharingAllowed(ec2, region, signal) {
  const out = await callAws(
    { operation: "GetImageBlockPublicAccessState", region },
    () => ec2.send(new GetImageBlockPublicAccessStateCommand({}), { abortSignal: signal })
  );
  if (out.ImageBlockPublicAccessState === "block-new-sharing") {
    throw new UserError(
      `aws-public is set, but block public access for AMIs is on in ${region} (state block-new-sharing), so AWS would refuse to make the AMI public. An account administrator can turn it off with DisableImageBlockPublicAccess (the EC2 console: Data protection and security); it takes up to 10 minutes. Or set aws-public to false.`
    );
  }
}
__name(checkPublicSharingAllowed, "checkPublicSharingAllowed");
async function makeImagePublic(ec2, region, imageId, signal) {
  await callAws(
    { operation: "ModifyImageAttribute", region, subject: imageId },
    () => ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Add: [{ Group: "all" }] }
      }),
      { abortSignal: signal }
    )
  );
}
__name(makeImagePublic, "makeImagePublic");
async function deprecateImage(ec2, region, imageId, at, signal) {
  const minute = 6e4;
  const rounded = new Date(Math.ceil(at.getTime() / minute) * minute);
  await callAws(
    { operation: "EnableImageDeprecation", region, subject: imageId },
    () => ec2.send(new EnableImageDeprecationCommand({ ImageId: imageId, DeprecateAt: rounded }), {
      abortSignal: signal
    })
  );
  return rounded;
}
__name(deprecateImage, "deprecateImage");

// src/cloud/aws/kms-key.ts
var KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/\S+$/;
async function resolveKmsKey(kms, region, key, signal) {
  const arnRegion = KEY_ARN.exec(key)?.[1];
  if (arnRegion !== void 0) {
    if (arnRegion !== region) {
      throw new UserError(
        `aws-kms-key-id is a key in ${arnRegion}, but the snapshot is made in ${region}: use a key of ${region}.`
      );
    }
    return key;
  }
  const out = await callAws(
    { operation: "DescribeKey", region, subject: key },
    () => kms.send(new DescribeKeyCommand({ KeyId: key }), { abortSignal: signal }).catch((error) => {
      if (awsErrorCode(error) !== "NotFoundException") throw error;
      throw new UserError(
        `aws-kms-key-id ${key} is not a KMS key in ${region}: give the key's id, ARN or alias (alias/\u2026) in that region.`,
        { cause: error }
      );
    })
  );
  const metadata = out.KeyMetadata;
  if (metadata?.Arn === void 0) throw new Error(`DescribeKey ${key} returned no Arn`);
  if (metadata.KeyState !== void 0 && metadata.KeyState !== "Enabled") {
    throw new UserError(
      `The KMS key ${metadata.Arn} (aws-kms-key-id ${key}) is ${metadata.KeyState}: enable it, or choose another key.`
    );
  }
  return metadata.Arn;
}
__name(resolveKmsKey, "resolveKmsKey");

// src/cloud/aws/retention.ts
async function applyRetention(clients, request, timing, logger) {
  const { region, identity, keep, current } = request;
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be >= 1, got ${keep}`);
  const { ec2 } = clients.forRegion(region);
  let images;
  try {
    images = await listOwnImages(ec2, region, identityFilters(identity));
  } catch (error) {
    logger.warning(`aws-keep: could not list the AMIs in ${region}: ${errorMessage(error)}`);
    return [];
  }
  const line = images.filter((image) => belongsTo(image.tags, identity));
  const ordered = [
    ...line.filter((image) => image.imageId === current),
    ...line.filter((image) => image.imageId !== current)
  ];
  const doomed = ordered.slice(keep).filter((image) => image.state !== "pending");
  if (doomed.length === 0) return [];
  logger.info(
    `aws-keep ${keep} in ${region}: deleting ${doomed.length} older AMI(s) of ${identity.image} (${identity.channel}): ${doomed.map((i4) => `${i4.imageId} ${i4.name}`).join(", ")}.`
  );
  const deleted = [];
  for (const image of doomed) {
    try {
      await deleteImage(clients, region, image.imageId, timing);
      deleted.push(image.imageId);
    } catch (error) {
      logger.warning(
        `aws-keep: could not delete ${image.imageId} in ${region} (deregistration protection, or a permission?): ${errorMessage(error)}`
      );
    }
  }
  return deleted;
}
__name(applyRetention, "applyRetention");

// src/cloud/aws/snapshot-upload.ts
const { open } = process.getBuiltinModule("node:fs/promises");

// src/cloud/aws/block-body.ts
const { Readable } = process.getBuiltinModule("node:stream");
var BlockBody = class extends Readable {
  static {
    __name(this, "BlockBody");
  }
  /** The block, until it is pushed. */
  #block;
  #length;
  /** Returns the buffer to its pool; called once, then cleared. */
  #release;
  #piped = false;
  /** `block` is handed over: it must not be written to until `release` is called. */
  constructor(block, release) {
    super();
    this.#block = block;
    this.#length = block.length;
    this.#release = release;
  }
  /**
   * The body's length: the SDK takes a stream body's Content-Length from `byteLength`
   * (@smithy's calculateBodyLength), and PutSnapshotBlock needs it, as it needs every block
   * to be exactly 512 KiB.
   */
  get byteLength() {
    return this.#length;
  }
  _read() {
    const block = this.#block;
    this.#block = void 0;
    this.push(block ?? null);
  }
  /**
   * The HTTP handler pipes the body into its request. The buffer is free again once that
   * request has either flushed its last byte to the socket ('finish': "handed off to the
   * operating system") or been torn down with its socket ('close': an abort, a timeout, a
   * dropped connection): before either, Node may still be writing from it.
   */
  pipe(destination, options) {
    this.#piped = true;
    destination.once("finish", this.#releaseOnce);
    destination.once("close", this.#releaseOnce);
    return super.pipe(destination, options);
  }
  /**
   * Called once the request has settled, whatever its outcome. A body that was never piped
   * (the request failed before it was sent) gives its buffer back here; a piped one waits for
   * its request to let go of it (above), which an early answer can precede.
   */
  settle() {
    if (this.#piped) return;
    this.#block = void 0;
    this.destroy();
    this.#releaseOnce();
  }
  #releaseOnce = /* @__PURE__ */ __name(() => {
    const release = this.#release;
    this.#release = void 0;
    release?.();
  }, "#releaseOnce");
};

// src/cloud/aws/blocks.ts
var EBS_BLOCK_BYTES = 524288;
var GIB = 2 ** 30;
function volumeSizeGiB(sizeBytes) {
  return Math.max(1, Math.ceil(sizeBytes / GIB));
}
__name(volumeSizeGiB, "volumeSizeGiB");
function blocksSpanned(sizeBytes) {
  return Math.ceil(sizeBytes / EBS_BLOCK_BYTES);
}
__name(blocksSpanned, "blocksSpanned");
var ZERO_BLOCK = Buffer.alloc(EBS_BLOCK_BYTES);
async function findLastDataBlock(input, sizeBytes, buffer = Buffer.allocUnsafe(EBS_BLOCK_BYTES)) {
  for (let index = blocksSpanned(sizeBytes) - 1; index >= 0; index--) {
    const position = index * EBS_BLOCK_BYTES;
    const length = Math.min(EBS_BLOCK_BYTES, sizeBytes - position);
    const got = await readFully(input, buffer, 0, length, position);
    if (got !== length) {
      throw new Error(`short read at ${position}: ${got} of ${length} bytes; did the file shrink?`);
    }
    if (!buffer.subarray(0, length).equals(ZERO_BLOCK.subarray(0, length))) return index;
  }
  return -1;
}
__name(findLastDataBlock, "findLastDataBlock");
async function readBlock(input, index, sizeBytes, buffer) {
  const position = index * EBS_BLOCK_BYTES;
  const length = Math.min(EBS_BLOCK_BYTES, sizeBytes - position);
  const got = await readFully(input, buffer, 0, length, position);
  if (got !== length) {
    throw new Error(
      `block ${index}: short read at ${position}: ${got} of ${length} bytes; did the file shrink?`
    );
  }
  if (length < EBS_BLOCK_BYTES) buffer.fill(0, length);
}
__name(readBlock, "readBlock");
var BlockBufferPool = class {
  constructor(capacity) {
    this.capacity = capacity;
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new Error(`a buffer pool needs a capacity of at least 1, got ${capacity}`);
    }
  }
  capacity;
  static {
    __name(this, "BlockBufferPool");
  }
  #free = [];
  #waiting = [];
  #allocated = 0;
  #inUse = 0;
  #peakInUse = 0;
  /** A free buffer (its bytes are stale), once one is; rejects when `signal` fires first. */
  take(signal) {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const buffer = this.#free.pop() ?? this.#allocate();
    if (buffer !== void 0) return Promise.resolve(this.#handOut(buffer));
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: /* @__PURE__ */ __name((given) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(given);
        }, "resolve"),
        reject
      };
      const onAbort = /* @__PURE__ */ __name(() => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal.reason);
      }, "onAbort");
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }
  /** Returns `buffer`: the caller must hold no reference it still reads or lets others read. */
  give(buffer) {
    this.#inUse--;
    const waiter = this.#waiting.shift();
    if (waiter !== void 0) waiter.resolve(this.#handOut(buffer));
    else this.#free.push(buffer);
  }
  /** Buffers ever allocated: at most the capacity. */
  get allocated() {
    return this.#allocated;
  }
  /** The most buffers out at once. */
  get peakInUse() {
    return this.#peakInUse;
  }
  #allocate() {
    if (this.#allocated >= this.capacity) return void 0;
    this.#allocated++;
    return Buffer.allocUnsafeSlow(EBS_BLOCK_BYTES);
  }
  #handOut(buffer) {
    this.#inUse++;
    this.#peakInUse = Math.max(this.#peakInUse, this.#inUse);
    return buffer;
  }
};

// src/cloud/aws/checksum.ts
const { createHash } = process.getBuiltinModule("node:crypto");
var DIGEST_BYTES = 32;
function blockDigest(block) {
  return createHash("sha256").update(block).digest();
}
__name(blockDigest, "blockDigest");
var BlockDigests = class {
  static {
    __name(this, "BlockDigests");
  }
  #byIndex = /* @__PURE__ */ new Map();
  set(index, digest) {
    if (digest.length !== DIGEST_BYTES) {
      throw new Error(`block ${index}: a SHA-256 digest has 32 bytes, got ${digest.length}`);
    }
    this.#byIndex.set(index, digest);
  }
  /** Distinct block indexes written: CompleteSnapshot's ChangedBlocksCount. */
  get count() {
    return this.#byIndex.size;
  }
  /** The LINEAR aggregate as raw bytes. */
  aggregate() {
    const hash = createHash("sha256");
    const indexes = [...this.#byIndex.keys()].sort((a4, b4) => a4 - b4);
    for (const index of indexes) hash.update(this.#byIndex.get(index));
    return hash.digest();
  }
};
function checksumText(digest) {
  return digest.toString("base64");
}
__name(checksumText, "checksumText");

// src/cloud/aws/block-upload.ts
var MAX_BLOCK_ATTEMPTS = 8;
var RETRY_BASE_MS = 1e3;
var RETRY_CAP_MS = 3e4;
var MAX_CONCURRENCY_REJECTIONS = 20;
var CONCURRENCY_PAUSE_MIN_MS = 1e3;
var CONCURRENCY_PAUSE_SPAN_MS = 4e3;
var NOT_FOUND_GRACE_MS = 12e4;
var BlockFailure = class extends Error {
  constructor(index, attempts, cause) {
    super(`block ${index} (offset ${index * EBS_BLOCK_BYTES})`);
    this.index = index;
    this.attempts = attempts;
    this.cause = cause;
  }
  index;
  attempts;
  cause;
  static {
    __name(this, "BlockFailure");
  }
};
var BlockRequeued = class extends Error {
  constructor(index, rejections) {
    super(`block ${index} requeued`);
    this.index = index;
    this.rejections = rejections;
  }
  index;
  rejections;
  static {
    __name(this, "BlockRequeued");
  }
};
var ChecksumEchoMismatch = class extends Error {
  static {
    __name(this, "ChecksumEchoMismatch");
  }
  name = "ChecksumEchoMismatch";
};
var RETRYABLE_VALIDATION = /* @__PURE__ */ new Set(["CONFLICTING_BLOCK_UPDATE", "WRITE_REQUEST_TIMEOUT"]);
var NETWORK_CODES = /* @__PURE__ */ new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]);
function classify(error, sinceStartMs) {
  if (error instanceof ChecksumEchoMismatch) return "retry";
  const code = awsErrorCode(error);
  const status = error.$metadata?.httpStatusCode;
  if (code === "ConcurrentLimitExceededException") return "concurrency-limit";
  if (code !== void 0 && /Throttl/.test(code)) return "retry-strained";
  if (status !== void 0 && status >= 500) return "retry-strained";
  if (code === "ValidationException" && RETRYABLE_VALIDATION.has(ebsReason(error) ?? "")) {
    return "retry";
  }
  if (code === "ResourceNotFoundException" && ebsReason(error) === "SNAPSHOT_NOT_FOUND" && sinceStartMs < NOT_FOUND_GRACE_MS) {
    return "retry";
  }
  const name = error ?? {};
  if (name.name === "TimeoutError" || NETWORK_CODES.has(name.code ?? "")) return "retry";
  return "fatal";
}
__name(classify, "classify");
function blockRetryDelayMs(attempt, random) {
  return Math.floor(random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1)));
}
__name(blockRetryDelayMs, "blockRetryDelayMs");
async function sendBlock(session, index, rejectionsSoFar = 0) {
  const { controller, timing } = session;
  let attempts = 0;
  let rejections = rejectionsSoFar;
  for (; ; ) {
    const epoch = controller.epoch;
    try {
      attempts++;
      session.digests.set(index, await putBlock(session, index));
      session.sent++;
      controller.report("clean", epoch);
      return;
    } catch (error) {
      if (isAbort(error)) throw error;
      const verdict = classify(error, timing.clock() - session.startedAt);
      if (verdict === "concurrency-limit") {
        controller.report("concurrency-limit", epoch);
        attempts--;
        if (++rejections > MAX_CONCURRENCY_REJECTIONS) {
          throw new BlockFailure(index, attempts + rejections, error);
        }
        if (session.overLimit()) throw new BlockRequeued(index, rejections);
        const pause = CONCURRENCY_PAUSE_MIN_MS + timing.random() * CONCURRENCY_PAUSE_SPAN_MS;
        await timing.sleep(Math.floor(pause), session.signal);
        continue;
      }
      if (verdict === "fatal" || attempts >= MAX_BLOCK_ATTEMPTS) {
        throw new BlockFailure(index, attempts, error);
      }
      if (verdict === "retry-strained") controller.report("throttled", epoch);
      await timing.sleep(blockRetryDelayMs(attempts, timing.random), session.signal);
    }
  }
}
__name(sendBlock, "sendBlock");
async function putBlock(session, index) {
  const { pool } = session;
  const buffer = await pool.take(session.signal);
  let body;
  try {
    await readBlock(session.input, index, session.sizeBytes, buffer);
    const digest = blockDigest(buffer);
    const checksum = checksumText(digest);
    body = new BlockBody(buffer, () => pool.give(buffer));
    const out = await session.ebs.send(
      new PutSnapshotBlockCommand({
        SnapshotId: session.snapshotId,
        BlockIndex: index,
        BlockData: body,
        DataLength: EBS_BLOCK_BYTES,
        Checksum: checksum,
        ChecksumAlgorithm: "SHA256",
        Progress: Math.floor(100 * session.sent / session.totalBlocks)
      }),
      { abortSignal: session.signal }
    );
    if (out.Checksum !== void 0 && out.Checksum !== checksum) {
      throw new ChecksumEchoMismatch(`AWS stored checksum ${out.Checksum}, sent ${checksum}`);
    }
    return digest;
  } finally {
    if (body === void 0) pool.give(buffer);
    else body.settle();
  }
}
__name(putBlock, "putBlock");

// src/cloud/aws/favor-memory.ts
const { setFlagsFromString } = process.getBuiltinModule("node:v8");
var holders = 0;
async function favoringMemory(work) {
  if (holders++ === 0) setFlagsFromString("--optimize-for-size");
  try {
    return await work();
  } finally {
    if (--holders === 0) setFlagsFromString("--no-optimize-for-size");
  }
}
__name(favoringMemory, "favoringMemory");

// src/cloud/aws/progress.ts
var PROGRESS_INTERVAL_MS = 5e3;
var MB = 1e6;
var UploadProgress = class {
  constructor(session, logger) {
    this.session = session;
    this.logger = logger;
    this.#started = session.timing.clock();
    this.#lastLine = this.#started;
  }
  session;
  logger;
  static {
    __name(this, "UploadProgress");
  }
  #started;
  #lastLine;
  /** Called after each stored block; logs when PROGRESS_INTERVAL_MS has passed. */
  blockDone() {
    const now = this.session.timing.clock();
    if (now - this.#lastLine < PROGRESS_INTERVAL_MS) return;
    this.#lastLine = now;
    this.logger.info(this.#line(now));
  }
  /** The closing line, with the concurrency range the upload went through. */
  finish() {
    const { lowest, highest, decreases } = this.session.controller.stats;
    const range = lowest === highest ? `${lowest}` : `${lowest}\u2013${highest}, halved ${decreases}\xD7`;
    this.logger.info(`${this.#line(this.session.timing.clock())}; concurrency ${range}.`);
  }
  #line(now) {
    const { sent, totalBlocks, controller, snapshotId } = this.session;
    const seconds = Math.max(now - this.#started, 1) / 1e3;
    const rate = sent * EBS_BLOCK_BYTES / MB / seconds;
    const percent = Math.floor(100 * sent / totalBlocks);
    return `${snapshotId}: ${sent}/${totalBlocks} blocks (${percent}%), ${rate.toFixed(1)} MB/s, ${controller.limit} at once`;
  }
};

// src/cloud/aws/snapshot-upload.ts
var SNAPSHOT_TIMEOUT_MINUTES = 30;
var BLOCK_BUFFERS = 16;
var START_ATTEMPTS = 3;
function uploadSnapshot(options) {
  return favoringMemory(() => upload(options));
}
__name(uploadSnapshot, "uploadSnapshot");
async function upload(options) {
  const { timing, region } = options;
  const input = await open(options.file, "r");
  try {
    const sizeBytes = (await input.stat()).size;
    const pool = new BlockBufferPool(BLOCK_BUFFERS);
    const scan = await pool.take();
    const lastDataBlock = await findLastDataBlock(input, sizeBytes, scan).finally(
      () => pool.give(scan)
    );
    if (lastDataBlock < 0) {
      throw new UserError(`${options.file} holds only zero bytes: it is not a disk image.`);
    }
    const started = timing.clock();
    const snapshotId = await startSnapshot(options, volumeSizeGiB(sizeBytes));
    options.onStarted(snapshotId);
    const totalBlocks = lastDataBlock + 1;
    options.logger.info(
      `Uploading ${options.file} to snapshot ${snapshotId} in ${region}: ${totalBlocks} blocks of 512 KiB (${blocksSpanned(sizeBytes) - totalBlocks} zero blocks at the end skipped).`
    );
    const controller = new ConcurrencyController(options.concurrency);
    const digests = new BlockDigests();
    const failure = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, failure.signal]) : failure.signal;
    const session = {
      ebs: options.ebs,
      region,
      snapshotId,
      input,
      sizeBytes,
      pool,
      totalBlocks,
      digests,
      controller,
      timing,
      signal,
      startedAt: started,
      sent: 0,
      overLimit: /* @__PURE__ */ __name(() => false, "overLimit")
    };
    await putAllBlocks(session, failure, options);
    await completeSnapshot(options, snapshotId, digests);
    return {
      snapshotId,
      blocks: digests.count,
      fileBlocks: blocksSpanned(sizeBytes),
      checksum: checksumText(digests.aggregate()),
      checksumHex: digests.aggregate().toString("hex"),
      elapsedMs: timing.clock() - started,
      concurrency: { final: controller.limit, ...controller.stats },
      buffers: pool.allocated,
      peakBuffersInUse: pool.peakInUse
    };
  } finally {
    await input.close();
  }
}
__name(upload, "upload");
async function startSnapshot(options, volumeSize) {
  const { snapshot, region } = options;
  const out = await callAws(
    { operation: "StartSnapshot", region, subject: options.file },
    () => retry(
      () => options.ebs.send(
        new StartSnapshotCommand({
          VolumeSize: volumeSize,
          Timeout: SNAPSHOT_TIMEOUT_MINUTES,
          ClientToken: snapshot.clientToken,
          Description: snapshot.description,
          Tags: Object.entries(snapshot.tags).map(([Key, Value]) => ({ Key, Value })),
          // Only when asked: Encrypted=false is refused where encryption is on by default.
          ...snapshot.kmsKeyArn ? { Encrypted: true, KmsKeyArn: snapshot.kmsKeyArn } : {}
        }),
        { abortSignal: options.signal }
      ),
      {
        attempts: START_ATTEMPTS,
        minDelayMs: 1e3,
        maxDelayMs: 5e3,
        sleep: /* @__PURE__ */ __name((ms) => options.timing.sleep(ms, options.signal), "sleep"),
        label: `StartSnapshot in ${region}`,
        logger: options.logger,
        isRetryable: /* @__PURE__ */ __name((error) => {
          const status = error.$metadata?.httpStatusCode;
          const throttled = /Throttl/.test(awsErrorCode(error) ?? "");
          return !isAbort(error) && (throttled || status === void 0 || status >= 500);
        }, "isRetryable")
      }
    )
  );
  if (out.SnapshotId === void 0) throw new Error("StartSnapshot returned no SnapshotId");
  if (out.BlockSize !== EBS_BLOCK_BYTES) {
    throw new Error(
      `StartSnapshot answered BlockSize ${out.BlockSize} for ${out.SnapshotId}; nanoship writes ${EBS_BLOCK_BYTES}-byte blocks`
    );
  }
  return out.SnapshotId;
}
__name(startSnapshot, "startSnapshot");
async function putAllBlocks(session, failure, options) {
  const progress = new UploadProgress(session, options.logger);
  const running = /* @__PURE__ */ new Set();
  const failures = [];
  const requeued = [];
  session.overLimit = () => running.size > session.controller.limit;
  let next = 0;
  const launch2 = /* @__PURE__ */ __name((index, rejections) => {
    const task = sendBlock(session, index, rejections).then(
      () => progress.blockDone(),
      (error) => {
        if (error instanceof BlockRequeued) {
          requeued.push({ index, rejections: error.rejections });
          return;
        }
        if (error instanceof BlockFailure) failures.push(error);
        else if (!isAbort(error)) failures.push(new BlockFailure(index, 0, error));
        failure.abort();
      }
    ).finally(() => running.delete(task));
    running.add(task);
  }, "launch");
  const waiting = /* @__PURE__ */ __name(() => requeued.length > 0 || next < session.totalBlocks, "waiting");
  while (waiting() || running.size > 0) {
    while (!session.signal.aborted && waiting()) {
      if (running.size >= session.controller.limit) break;
      const again = requeued.shift();
      if (again) launch2(again.index, again.rejections);
      else launch2(next++, 0);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  if (failures.length > 0) throw uploadFailure(session, failures);
  if (options.signal?.aborted) {
    throw awsFailure(options.signal.reason ?? new DOMException("aborted", "AbortError"), {
      operation: "PutSnapshotBlock",
      region: session.region,
      subject: session.snapshotId
    });
  }
  progress.finish();
}
__name(putAllBlocks, "putAllBlocks");
function uploadFailure(session, failures) {
  failures.sort((a4, b4) => a4.index - b4.index);
  const first = failures[0];
  const cause = awsFailure(first.cause, {
    operation: "PutSnapshotBlock",
    region: session.region,
    subject: `${session.snapshotId} ${first.message}, attempt ${first.attempts}`
  });
  const others = failures.length > 1 ? ` (${failures.length} blocks failed in all)` : "";
  const text = `Uploading the image failed: ${errorMessage(cause)}${others}`;
  return cause instanceof UserError ? new UserError(text, { cause: first.cause }) : cause;
}
__name(uploadFailure, "uploadFailure");
async function completeSnapshot(options, snapshotId, digests) {
  const out = await callAws(
    { operation: "CompleteSnapshot", region: options.region, subject: snapshotId },
    () => options.ebs.send(
      new CompleteSnapshotCommand({
        SnapshotId: snapshotId,
        ChangedBlocksCount: digests.count,
        Checksum: checksumText(digests.aggregate()),
        ChecksumAlgorithm: "SHA256",
        ChecksumAggregationMethod: "LINEAR"
      }),
      { abortSignal: options.signal }
    )
  );
  if (out.Status === "error") {
    throw new UserError(
      `AWS refused to complete snapshot ${snapshotId} in ${options.region} (status error): the blocks or their checksum did not match. Run again.`
    );
  }
}
__name(completeSnapshot, "completeSnapshot");

// src/cloud/aws/publisher.ts
function clientToken(...parts) {
  return createHash2("sha256").update(parts.join("\0")).digest("hex").slice(0, 48);
}
__name(clientToken, "clientToken");
function describeJob(image, plan, context, deps) {
  const { provenance, channel } = context;
  const now = deps.now?.() ?? /* @__PURE__ */ new Date();
  const name = awsImageName(image, provenance, now);
  const source = `${provenance.repo ?? image.name}@${provenance.sha?.slice(0, 7) ?? image.sha256.slice(0, 12)}`;
  const tagContext = { image, provenance, channel, extra: { Name: name, ...plan.tags } };
  return {
    image,
    plan,
    name,
    description: `nanos ${image.kernelVersion} ${source}`.slice(0, 255),
    identity: { image: image.name, channel, repoId: provenance.repoId, repo: provenance.repo },
    imageTags: nanoshipTags({ ...tagContext, kind: "image" }),
    snapshotTags: nanoshipTags({ ...tagContext, kind: "snapshot" }),
    runIdentity: provenance.run ?? randomUUID(),
    now,
    logger: deps.logger,
    signal: deps.signal
  };
}
__name(describeJob, "describeJob");
async function runPublish(job, deps) {
  const clients = new AwsClients();
  const run = new RunResources(deps.recorder, clients, job.tuning.timing, job.logger);
  const full = { ...job, clients, run };
  try {
    const published = await publish(full);
    run.settleAll();
    await retainInEveryRegion(full, published.amiIds);
    return published;
  } catch (error) {
    await run.rollback();
    throw error;
  } finally {
    clients.destroy();
  }
}
__name(runPublish, "runPublish");
async function publish(job) {
  const { plan } = job;
  if (plan.kmsKeyId !== void 0) {
    const { kms } = job.clients.forRegion(plan.region);
    job.kmsKeyArn = await resolveKmsKey(kms, plan.region, plan.kmsKeyId, job.signal);
  }
  const regions = [.../* @__PURE__ */ new Set([plan.region, ...plan.copyRegions])];
  if (plan.public) {
    for (const region of regions) {
      await checkPublicSharingAllowed(job.clients.forRegion(region).ec2, region, job.signal);
    }
  }
  const home = await homeImage(job);
  const copies = await copyToRegions(job, home, regions.slice(1));
  const all = [home, ...copies];
  await distribute(job, all);
  return {
    region: plan.region,
    amiId: home.imageId,
    snapshotId: home.snapshotIds[0] ?? "",
    amiIds: Object.fromEntries(all.map((i4) => [i4.region, i4.imageId])),
    name: job.name,
    reused: home.reused
  };
}
__name(publish, "publish");
async function homeImage(job) {
  const { region } = job.plan;
  const { ec2, ebs } = job.clients.forRegion(region);
  const wait = { timing: job.tuning.timing, logger: job.logger, signal: job.signal };
  const lookup = { kmsKeyId: job.plan.kmsKeyId, signal: job.signal };
  const digest = job.image.sha256;
  const existing = await findPublishedImage(ec2, region, job.identity, digest, lookup);
  if (existing !== void 0) {
    job.logger.info(
      `AMI ${existing.imageId} (${existing.name}) in ${region} already holds this image (sha256 ${digest}): reusing it, nothing is uploaded.`
    );
    const image = await waitForImage(ec2, region, existing.imageId, wait);
    job.name = image.Name ?? existing.name;
    return { region, imageId: existing.imageId, snapshotIds: existing.snapshotIds, reused: true };
  }
  let snapshotId = await findOrphanSnapshot(ec2, region, job.identity, digest, lookup);
  if (snapshotId !== void 0) {
    job.logger.info(`Adopting snapshot ${snapshotId} in ${region}: it holds this image already.`);
    job.run.add("snapshot", region, snapshotId);
  } else {
    const uploaded = await uploadSnapshot({
      ebs,
      region,
      file: job.image.path,
      snapshot: {
        clientToken: clientToken("StartSnapshot", digest, region, job.runIdentity),
        tags: job.snapshotTags,
        description: `nanoship ${job.description}`.slice(0, 255),
        kmsKeyArn: job.kmsKeyArn
      },
      concurrency: job.tuning.concurrency,
      timing: job.tuning.timing,
      logger: job.logger,
      signal: job.signal,
      onStarted: /* @__PURE__ */ __name((id) => job.run.add("snapshot", region, id), "onStarted")
    });
    snapshotId = uploaded.snapshotId;
    job.logger.info(
      `Uploaded ${uploaded.blocks} blocks to ${snapshotId}; LINEAR checksum ${uploaded.checksumHex}. Waiting for AWS to seal it.`
    );
    await waitForSnapshot(ec2, region, snapshotId, wait);
  }
  const requireImdsV2 = canRequireImdsV2(job.image.klibs);
  if (!requireImdsV2) job.logger.warning(IMDS_V1_WARNING);
  const imageId = await registerImage(
    ec2,
    region,
    {
      name: job.name,
      description: job.description,
      snapshotId,
      arch: job.image.arch,
      bootMode: job.image.bootMode,
      requireImdsV2,
      tags: job.imageTags
    },
    job.signal
  );
  job.run.add("image", region, imageId);
  job.logger.info(`Registered AMI ${imageId} (${job.name}) in ${region}; waiting until available.`);
  await waitForImage(ec2, region, imageId, wait);
  return { region, imageId, snapshotIds: [snapshotId], reused: false };
}
__name(homeImage, "homeImage");
async function copyToRegions(job, home, regions) {
  const outcomes = await Promise.allSettled(regions.map((region) => copyTo(job, home, region)));
  const failed = outcomes.filter((o) => o.status === "rejected");
  if (failed.length > 0) {
    const first = failed[0].reason;
    if (failed.length === 1) throw first;
    throw new UserError(
      `Copying the AMI failed in ${failed.length} regions; the first: ${first.message}`,
      { cause: first }
    );
  }
  return outcomes.map((o) => o.value);
}
__name(copyToRegions, "copyToRegions");
async function copyTo(job, home, region) {
  const { ec2 } = job.clients.forRegion(region);
  const wait = { timing: job.tuning.timing, logger: job.logger, signal: job.signal };
  const lookup = { kmsKeyId: job.plan.kmsKeyId, signal: job.signal };
  const existing = await findPublishedImage(ec2, region, job.identity, job.image.sha256, lookup);
  let imageId;
  if (existing !== void 0) {
    job.logger.info(`AMI ${existing.imageId} in ${region} already holds this image: reusing it.`);
    imageId = existing.imageId;
  } else {
    imageId = await copyImage(
      ec2,
      region,
      {
        sourceRegion: job.plan.region,
        sourceImageId: home.imageId,
        name: job.name,
        description: job.description,
        clientToken: clientToken("CopyImage", home.imageId, region, job.runIdentity),
        imageTags: job.imageTags,
        snapshotTags: job.snapshotTags,
        encrypted: job.plan.kmsKeyId !== void 0
      },
      job.signal
    );
    job.run.add("image", region, imageId);
    job.logger.info(`Copying ${home.imageId} to ${region} as ${imageId}.`);
  }
  const image = await waitForImage(ec2, region, imageId, wait, COPY_AVAILABLE_WAIT);
  const snapshotIds = (image.BlockDeviceMappings ?? []).map((m) => m.Ebs?.SnapshotId).filter((id) => id !== void 0);
  return { region, imageId, snapshotIds, reused: existing !== void 0 };
}
__name(copyTo, "copyTo");
async function distribute(job, images) {
  const { plan, signal } = job;
  for (const { region, imageId, snapshotIds } of images) {
    const { ec2 } = job.clients.forRegion(region);
    await shareImage(ec2, region, imageId, snapshotIds, plan.shareAccounts, signal);
    if (plan.public) await makeImagePublic(ec2, region, imageId, signal);
    if (plan.deprecateAfterMs !== void 0) {
      const at = new Date(job.now.getTime() + plan.deprecateAfterMs);
      const rounded = await deprecateImage(ec2, region, imageId, at, signal);
      job.logger.info(`AMI ${imageId} in ${region} is deprecated from ${rounded.toISOString()}.`);
    }
  }
  if (plan.public) {
    const list = images.map((i4) => `${i4.imageId} (${i4.region})`).join(", ");
    job.logger.warning(`Made public: ${list}. ${PUBLIC_WARNING}`);
  }
}
__name(distribute, "distribute");
async function retainInEveryRegion(job, amiIds) {
  const { keep } = job.plan;
  if (keep === void 0) return;
  for (const [region, current] of Object.entries(amiIds)) {
    await applyRetention(
      job.clients,
      { region, identity: job.identity, keep, current },
      job.tuning.timing,
      job.logger
    );
  }
}
__name(retainInEveryRegion, "retainInEveryRegion");

// src/cloud/aws/tuning.ts
const { setTimeout: sleepFor } = process.getBuiltinModule("node:timers/promises");
var realTiming = {
  sleep: /* @__PURE__ */ __name((ms, signal) => sleepFor(ms, void 0, { signal }), "sleep"),
  clock: /* @__PURE__ */ __name(() => performance.now(), "clock"),
  random: Math.random
};
var DEFAULT_AWS_TUNING = { concurrency: "adaptive", timing: realTiming };
function resolveTuning(overrides = {}) {
  return {
    concurrency: overrides.concurrency ?? DEFAULT_AWS_TUNING.concurrency,
    timing: { ...DEFAULT_AWS_TUNING.timing, ...overrides.timing }
  };
}
__name(resolveTuning, "resolveTuning");

// src/cloud/aws/preview-tags.ts
const { createHash: createHash3 } = process.getBuiltinModule("node:crypto");
var CREATED_AT_TAG = "nanoship:created-at";
var sha256 = /* @__PURE__ */ __name((text) => createHash3("sha256").update(text).digest("hex"), "sha256");
var tagTime = /* @__PURE__ */ __name((date) => date.toISOString().replace(/\.\d{3}Z$/, "Z"), "tagTime");
function repoHash(provenance) {
  return sha256(provenance.repoId ?? provenance.repo ?? "").slice(0, 8);
}
__name(repoHash, "repoHash");
function securityGroupName(request, now) {
  const { provenance } = request;
  const run = provenance.run ?? compactTimestamp(now);
  return `nanoship-pr${provenance.pr}-${repoHash(provenance)}-${run}`;
}
__name(securityGroupName, "securityGroupName");
function launchToken(request, groupId) {
  const p = request.provenance;
  const key = [p.repoId ?? p.repo, p.pr, p.sha, p.run, groupId].join("\n");
  return `nanoship-${sha256(key).slice(0, 48)}`;
}
__name(launchToken, "launchToken");
function previewTags(request, name) {
  return {
    ...nanoshipTags({
      kind: "preview",
      image: request.image,
      provenance: request.provenance,
      channel: channelOf(request.provenance),
      expiresAt: request.expiresAt
    }),
    Name: name
  };
}
__name(previewTags, "previewTags");
function previewFilters(filter) {
  return [
    { Name: `tag:${TagKeys.managed}`, Values: ["true"] },
    { Name: `tag:${TagKeys.repoId}`, Values: [filter.repoId] },
    { Name: `tag:${TagKeys.kind}`, Values: ["preview"] },
    ...filter.pr === void 0 ? [] : [{ Name: `tag:${TagKeys.pr}`, Values: [String(filter.pr)] }]
  ];
}
__name(previewFilters, "previewFilters");
function isOwnPreview(tags, filter) {
  return tags[TagKeys.managed] === "true" && tags[TagKeys.repoId] === filter.repoId && tags[TagKeys.kind] === "preview" && (filter.pr === void 0 || tags[TagKeys.pr] === String(filter.pr));
}
__name(isOwnPreview, "isOwnPreview");
function tagDate(value) {
  if (value === void 0) return void 0;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? void 0 : date;
}
__name(tagDate, "tagDate");

// src/cloud/aws/sweep.ts
var ORPHAN_GRACE = { groupMs: 15 * 6e4, snapshotMs: 2 * 36e5 };
var FILTER_CHUNK = 100;
function chunks(items, size = FILTER_CHUNK) {
  const out = [];
  for (let i4 = 0; i4 < items.length; i4 += size) out.push(items.slice(i4, i4 + size));
  return out;
}
__name(chunks, "chunks");
function isPrChannel(channel, pr) {
  return pr === void 0 ? /^pr-\d+$/.test(channel ?? "") : channel === `pr-${pr}`;
}
__name(isPrChannel, "isPrChannel");
async function imagesInUse(clients, region, imageIds, signal) {
  const { ec2 } = clients.forRegion(region);
  const users = /* @__PURE__ */ new Map();
  for (const ids of chunks(imageIds)) {
    const filters = [{ Name: "image-id", Values: ids }];
    for (const instance of await listInstances(ec2, region, filters, signal)) {
      if (instance.ImageId && instance.InstanceId) users.set(instance.ImageId, instance.InstanceId);
    }
  }
  return users;
}
__name(imagesInUse, "imagesInUse");
async function deletePreviewImages(clients, region, filter, context) {
  const { ec2 } = clients.forRegion(region);
  const filters = [
    { Name: `tag:${TagKeys.managed}`, Values: ["true"] },
    { Name: `tag:${TagKeys.repoId}`, Values: [filter.repoId] },
    {
      Name: `tag:${TagKeys.channel}`,
      Values: [filter.pr === void 0 ? "pr-*" : `pr-${filter.pr}`]
    }
  ];
  const images = (await listOwnImages(ec2, region, filters, context.signal)).filter(
    (image) => image.tags[TagKeys.managed] === "true" && image.tags[TagKeys.repoId] === filter.repoId && isPrChannel(image.tags[TagKeys.channel], filter.pr)
  );
  if (images.length === 0) return [];
  const users = await imagesInUse(
    clients,
    region,
    images.map((i4) => i4.imageId),
    context.signal
  );
  const lines = [];
  for (const image of images) {
    const user = users.get(image.imageId);
    if (user !== void 0) {
      lines.push(
        `Kept AMI ${image.imageId} (${image.name}) in ${region}: instance ${user} still runs from it.`
      );
      continue;
    }
    try {
      await deleteImage(clients, region, image.imageId, context.timing);
      const snapshots = image.snapshotIds.length > 0 ? ` and snapshot ${image.snapshotIds.join(", ")}` : "";
      lines.push(`Deleted AMI ${image.imageId} (${image.name})${snapshots} in ${region}.`);
    } catch (error) {
      context.logger.warning(
        `Could not delete AMI ${image.imageId} (${image.name}) in ${region} (deregistration protection, or a permission?): ${errorMessage(error)}`
      );
    }
  }
  return lines;
}
__name(deletePreviewImages, "deletePreviewImages");
async function deleteOrphans(clients, region, filter, context) {
  const now = (context.now?.() ?? /* @__PURE__ */ new Date()).getTime();
  const groups = await orphanGroups(clients, region, filter, now - context.grace.groupMs, context);
  const lines = [];
  const { ec2 } = clients.forRegion(region);
  for (const group of groups) {
    try {
      await deleteSecurityGroup(ec2, region, group.groupId, context, context.groupRelease);
      lines.push(
        `Deleted security group ${group.groupId} (${group.name}) in ${region}: no instance uses it.`
      );
    } catch (error) {
      context.logger.warning(
        `Could not delete security group ${group.groupId} in ${region}: ${errorMessage(error)}`
      );
    }
  }
  const snapshots = await orphanSnapshots(
    clients,
    region,
    filter,
    now - context.grace.snapshotMs,
    context.signal
  );
  for (const snapshot of snapshots) {
    try {
      await deleteSnapshot(clients, region, snapshot.id, context.timing);
      lines.push(
        `Deleted snapshot ${snapshot.id} (${snapshot.label}) in ${region}: no AMI uses it.`
      );
    } catch (error) {
      context.logger.warning(
        `Could not delete snapshot ${snapshot.id} in ${region}: ${errorMessage(error)}`
      );
    }
  }
  return lines;
}
__name(deleteOrphans, "deleteOrphans");
async function orphanGroups(clients, region, filter, before, context) {
  const { ec2 } = clients.forRegion(region);
  const groups = (await describeGroups(ec2, region, previewFilters(filter), context.signal)).filter(
    (g4) => isOwnPreview(g4.tags, filter) && (tagDate(g4.tags[CREATED_AT_TAG])?.getTime() ?? 0) < before
  );
  const held = /* @__PURE__ */ new Set();
  const states = [...LIVE_STATES, "shutting-down"];
  for (const ids of chunks(groups.map((g4) => g4.groupId))) {
    const filters = [{ Name: "instance.group-id", Values: ids }];
    for (const instance of await listInstances(ec2, region, filters, context.signal, states)) {
      for (const g4 of instance.SecurityGroups ?? []) if (g4.GroupId) held.add(g4.GroupId);
    }
  }
  return groups.filter((g4) => !held.has(g4.groupId));
}
__name(orphanGroups, "orphanGroups");
async function orphanSnapshots(clients, region, filter, before, signal) {
  const { ec2 } = clients.forRegion(region);
  const filters = [
    { Name: `tag:${TagKeys.managed}`, Values: ["true"] },
    { Name: `tag:${TagKeys.repoId}`, Values: [filter.repoId] },
    ...filter.pr === void 0 ? [] : [{ Name: `tag:${TagKeys.channel}`, Values: [`pr-${filter.pr}`] }]
  ];
  const candidates = (await listOwnSnapshots(ec2, region, filters, signal)).filter((s) => {
    const tags = tagRecord(s.Tags);
    return s.SnapshotId !== void 0 && tags[TagKeys.managed] === "true" && tags[TagKeys.repoId] === filter.repoId && (filter.pr === void 0 || tags[TagKeys.channel] === `pr-${filter.pr}`) && (s.StartTime?.getTime() ?? Number.POSITIVE_INFINITY) < before;
  });
  const used = /* @__PURE__ */ new Set();
  for (const ids of chunks(candidates.map((s) => s.SnapshotId))) {
    const images = await listOwnImages(
      ec2,
      region,
      [{ Name: "block-device-mapping.snapshot-id", Values: ids }],
      signal
    );
    for (const image of images) for (const id of image.snapshotIds) used.add(id);
  }
  return candidates.filter((s) => !used.has(s.SnapshotId)).map((s) => {
    const tags = tagRecord(s.Tags);
    return {
      id: s.SnapshotId,
      label: `image ${tags[TagKeys.image] ?? "?"}, channel ${tags[TagKeys.channel] ?? "?"}`
    };
  });
}
__name(orphanSnapshots, "orphanSnapshots");

// src/cloud/aws/preview.ts
var PREVIEW_IMDS_V1_WARNING = "The image includes the aws or cloudwatch klib, which reads instance metadata with IMDSv1: the preview instance accepts IMDSv1 (HttpTokens optional).";
function createAwsPreviewCloud(settings, tuning = {}) {
  const tune = {
    timing: { ...realTiming, ...tuning.timing },
    running: tuning.running ?? INSTANCE_RUNNING_WAIT,
    terminated: tuning.terminated ?? INSTANCE_TERMINATED_WAIT,
    groupRelease: tuning.groupRelease ?? GROUP_RELEASE,
    orphanGrace: tuning.orphanGrace ?? ORPHAN_GRACE
  };
  return {
    launch: /* @__PURE__ */ __name((request, deps) => withClients((clients) => launch(clients, settings, tune, request, deps)), "launch"),
    consoleOutput: /* @__PURE__ */ __name((instance, deps) => withClients(
      (clients) => readConsole(
        clients.forRegion(instance.location).ec2,
        instance.location,
        instance.id,
        deps.signal
      )
    ), "consoleOutput"),
    destroy: /* @__PURE__ */ __name((instance, deps) => withClients((clients) => destroy(clients, tune, instance, deps)), "destroy"),
    findPreviews: /* @__PURE__ */ __name((filter, deps) => withClients((clients) => findPreviews(clients, settings.region, filter, deps)), "findPreviews"),
    deletePreviewImages: /* @__PURE__ */ __name((filter, deps) => withClients(
      (clients) => deletePreviewImages(clients, settings.region, filter, { ...deps, timing: tune.timing })
    ), "deletePreviewImages"),
    deleteOrphans: /* @__PURE__ */ __name((filter, deps) => withClients(
      (clients) => deleteOrphans(clients, settings.region, filter, {
        ...deps,
        timing: tune.timing,
        groupRelease: tune.groupRelease,
        grace: tune.orphanGrace
      })
    ), "deleteOrphans")
  };
}
__name(createAwsPreviewCloud, "createAwsPreviewCloud");
async function withClients(fn) {
  const clients = new AwsClients();
  try {
    return await fn(clients);
  } finally {
    clients.destroy();
  }
}
__name(withClients, "withClients");
var awsResource = /* @__PURE__ */ __name((kind, region, id) => ({
  cloud: "aws",
  kind,
  region,
  id
}), "awsResource");
async function launch(clients, settings, tune, request, deps) {
  const { region } = settings;
  const { provenance } = request;
  const repoId = checkLaunch(request);
  const { ec2 } = clients.forRegion(region);
  const now = deps.now?.() ?? /* @__PURE__ */ new Date();
  const groupName = securityGroupName(request, now);
  const created = [];
  const record = /* @__PURE__ */ __name((resource) => {
    created.push(resource);
    deps.recorder.created(resource);
  }, "record");
  try {
    const network = await findNetwork(ec2, region, settings.subnetId, deps.signal);
    const groupTags = { ...previewTags(request, groupName), [CREATED_AT_TAG]: tagTime(now) };
    const group = await createSecurityGroup(
      ec2,
      region,
      { name: groupName, vpcId: network.vpcId, tags: groupTags, repoId, pr: provenance.pr },
      deps.signal
    );
    record(awsResource("security-group", region, group.groupId));
    const cidrs = settings.allowedCidrs ?? ["0.0.0.0/0"];
    await openPorts(ec2, region, group.groupId, request.ports, cidrs, groupTags, deps.signal);
    const requireImdsV2 = canRequireImdsV2(request.image.klibs);
    if (!requireImdsV2) deps.logger.warning(PREVIEW_IMDS_V1_WARNING);
    const instanceType = request.instanceType ?? defaultInstanceType(request.image.arch);
    const { instanceId, reused } = await runInstance(
      ec2,
      region,
      {
        imageId: request.imageRef,
        instanceType,
        groupId: group.groupId,
        subnetId: network.subnetId,
        clientToken: launchToken(request, group.groupId),
        tags: previewTags(request, `nanoship-pr${provenance.pr}`),
        requireImdsV2
      },
      deps.signal
    );
    record(awsResource("instance", region, instanceId));
    const launched = reused ? `Reusing ${instanceId}, launched earlier in this run attempt` : `Launched ${instanceId}`;
    deps.logger.info(
      `${launched} (${instanceType}) from ${request.imageRef} in ${region} for PR #${provenance.pr}, ports ${request.ports.join(", ") || "none"} open (security group ${group.groupId}); waiting for it to run.`
    );
    const running = await waitForRunning(
      ec2,
      region,
      instanceId,
      { timing: tune.timing, logger: deps.logger, signal: deps.signal },
      tune.running
    );
    return {
      cloud: "aws",
      id: instanceId,
      address: running.PublicIpAddress,
      location: region,
      pr: provenance.pr,
      sha: provenance.sha,
      createdAt: running.LaunchTime ?? now,
      // A reused instance keeps the expiry it was launched with, which is what sweeps read.
      expiresAt: (reused ? tagDate(tagRecord(running.Tags)[TagKeys.expiresAt]) : void 0) ?? request.expiresAt,
      // The instance first: teardown terminates it before deleting the group it holds.
      resources: [...created].reverse()
    };
  } catch (error) {
    await rollback(clients, tune, created, deps);
    throw error;
  }
}
__name(launch, "launch");
function checkLaunch(request) {
  const { repoId, pr } = request.provenance;
  if (repoId === void 0 || repoId === "") {
    throw new UserError(
      "A preview needs the repository's numeric id (GITHUB_REPOSITORY_ID) to tag its resources, so that teardown and sweeps can find them."
    );
  }
  if (!Number.isInteger(pr) || pr < 1)
    throw new UserError(`Pull request number ${pr} is not valid.`);
  for (const port of request.ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new UserError(`Preview port ${port} is not a TCP port (1\u201365535).`);
    }
  }
  return repoId;
}
__name(checkLaunch, "checkLaunch");
async function rollback(clients, tune, created, deps) {
  if (created.length === 0) return;
  const resources = [...created].reverse();
  deps.logger.info(
    `The preview did not start: deleting ${resources.map((r4) => `${r4.kind} ${r4.id}`).join(", ")}.`
  );
  try {
    await teardown(clients, tune, resources, deps.logger);
    for (const resource of resources) deps.recorder.settled(resource);
  } catch (error) {
    deps.logger.warning(
      `Could not delete everything the failed preview launch created (${resources.map((r4) => r4.id).join(", ")}): ${error.message} The post step or the next sweep retries.`
    );
  }
}
__name(rollback, "rollback");
async function teardown(clients, tune, resources, logger, signal) {
  const context = { timing: tune.timing, logger, signal };
  const instances = resources.filter((r4) => r4.kind === "instance");
  for (const instance of instances) {
    const { ec2 } = clients.forRegion(instance.region);
    await terminateInstances(ec2, instance.region, [instance.id], signal);
  }
  for (const instance of instances) {
    const { ec2 } = clients.forRegion(instance.region);
    await waitForTerminated(ec2, instance.region, instance.id, context, tune.terminated);
    logger.info(`Terminated ${instance.id} in ${instance.region}.`);
  }
  for (const group of resources.filter((r4) => r4.kind === "security-group")) {
    const { ec2 } = clients.forRegion(group.region);
    await deleteSecurityGroup(ec2, group.region, group.id, context, tune.groupRelease);
    logger.info(`Deleted security group ${group.id} in ${group.region}.`);
  }
}
__name(teardown, "teardown");
function previewResources(instance) {
  const own = instance.resources.filter((r4) => r4.cloud === "aws");
  return own.some((r4) => r4.kind === "instance" && r4.id === instance.id) ? own : [awsResource("instance", instance.location, instance.id), ...own];
}
__name(previewResources, "previewResources");
async function destroy(clients, tune, preview, deps) {
  const resources = previewResources(preview);
  await checkManaged(clients, resources, deps.signal);
  deps.logger.info(
    `Removing the preview of PR #${preview.pr}: ${resources.map((r4) => `${r4.kind} ${r4.id}`).join(", ")} in ${preview.location}.`
  );
  await teardown(clients, tune, resources, deps.logger, deps.signal);
  for (const resource of resources) deps.recorder.settled(resource);
}
__name(destroy, "destroy");
async function checkManaged(clients, resources, signal) {
  for (const resource of resources) {
    const { ec2 } = clients.forRegion(resource.region);
    let tags;
    if (resource.kind === "instance") {
      const instance = await describeInstance(ec2, resource.region, resource.id, signal);
      tags = instance && tagRecord(instance.Tags);
    } else if (resource.kind === "security-group") {
      tags = (await describeGroup(ec2, resource.region, resource.id, signal))?.tags;
    }
    if (tags !== void 0 && tags[TagKeys.managed] !== "true") {
      throw new UserError(
        `${resource.kind} ${resource.id} in ${resource.region} has no nanoship:managed tag: nanoship deletes only what it made.`
      );
    }
  }
}
__name(checkManaged, "checkManaged");
async function findPreviews(clients, region, filter, deps) {
  const { ec2 } = clients.forRegion(region);
  const filters = previewFilters(filter);
  const instances = (await listInstances(ec2, region, filters, deps.signal)).filter(
    (i4) => isOwnPreview(tagRecord(i4.Tags), filter)
  );
  if (instances.length === 0) return [];
  const groups = (await describeGroups(ec2, region, filters, deps.signal)).filter(
    (g4) => isOwnPreview(g4.tags, filter)
  );
  const previews = instances.map((instance) => {
    const tags = tagRecord(instance.Tags);
    const held = new Set((instance.SecurityGroups ?? []).map((g4) => g4.GroupId));
    return {
      cloud: "aws",
      id: instance.InstanceId ?? "",
      address: instance.PublicIpAddress ?? "",
      location: region,
      pr: Number(tags[TagKeys.pr]),
      sha: tags[TagKeys.sha],
      createdAt: instance.LaunchTime,
      expiresAt: tagDate(tags[TagKeys.expiresAt]),
      resources: [
        awsResource("instance", region, instance.InstanceId ?? ""),
        ...groups.filter((g4) => held.has(g4.groupId)).map((g4) => awsResource("security-group", region, g4.groupId))
      ]
    };
  });
  const time = /* @__PURE__ */ __name((p) => p.createdAt?.getTime() ?? 0, "time");
  return previews.sort((a4, b4) => a4.pr - b4.pr || time(a4) - time(b4));
}
__name(findPreviews, "findPreviews");

// src/cloud/aws/index.ts
async function publishToAws(image, plan, context, deps, tuning = {}) {
  const job = describeJob(image, plan, context, deps);
  return runPublish({ ...job, tuning: resolveTuning(tuning) }, deps);
}
__name(publishToAws, "publishToAws");
async function deleteAwsResources(resources, deps, tuning = {}) {
  const own = resources.filter(
    (r4) => r4.cloud === "aws"
  );
  if (own.length === 0) return;
  const clients = new AwsClients();
  try {
    const failures = await deleteAll(clients, own, resolveTuning(tuning).timing, deps.logger);
    for (const { resource, reason } of failures) {
      deps.logger.warning(
        `Could not delete AWS ${resource.kind} ${resource.id} in ${resource.region}: ${reason} Delete it by hand (it carries nanoship:* tags).`
      );
    }
  } catch (error) {
    deps.logger.warning(`Cleaning up AWS resources failed: ${errorMessage(error)}`);
  } finally {
    clients.destroy();
  }
}
__name(deleteAwsResources, "deleteAwsResources");
export {
  PREVIEW_IMDS_V1_WARNING,
  createAwsPreviewCloud,
  deleteAwsResources,
  publishToAws
};
