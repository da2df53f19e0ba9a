import { ValidationError } from '../core/errors';
import { brandEnumLike } from '../core/private/enum-like';

/**
 * A Supabase region (`supabase_project.region`: the Management API's region
 * codes, which are AWS region names). Cannot change after the project exists.
 *
 * @example
 * const region = SupabaseRegion.EU_CENTRAL_1;
 * const newer = SupabaseRegion.of('me-central-1'); // a region newer than this library
 */
export class SupabaseRegion {
  /** US East (N. Virginia). */
  public static readonly US_EAST_1 = new SupabaseRegion('us-east-1');
  /** US East (Ohio). */
  public static readonly US_EAST_2 = new SupabaseRegion('us-east-2');
  /** US West (N. California). */
  public static readonly US_WEST_1 = new SupabaseRegion('us-west-1');
  /** US West (Oregon). */
  public static readonly US_WEST_2 = new SupabaseRegion('us-west-2');
  /** Canada (Central). */
  public static readonly CA_CENTRAL_1 = new SupabaseRegion('ca-central-1');
  /** South America (São Paulo). */
  public static readonly SA_EAST_1 = new SupabaseRegion('sa-east-1');
  /** Europe (Frankfurt). */
  public static readonly EU_CENTRAL_1 = new SupabaseRegion('eu-central-1');
  /** Europe (Zurich). */
  public static readonly EU_CENTRAL_2 = new SupabaseRegion('eu-central-2');
  /** Europe (Stockholm). */
  public static readonly EU_NORTH_1 = new SupabaseRegion('eu-north-1');
  /** Europe (Ireland). */
  public static readonly EU_WEST_1 = new SupabaseRegion('eu-west-1');
  /** Europe (London). */
  public static readonly EU_WEST_2 = new SupabaseRegion('eu-west-2');
  /** Europe (Paris). */
  public static readonly EU_WEST_3 = new SupabaseRegion('eu-west-3');
  /** Asia Pacific (Hong Kong). */
  public static readonly AP_EAST_1 = new SupabaseRegion('ap-east-1');
  /** Asia Pacific (Tokyo). */
  public static readonly AP_NORTHEAST_1 = new SupabaseRegion('ap-northeast-1');
  /** Asia Pacific (Seoul). */
  public static readonly AP_NORTHEAST_2 = new SupabaseRegion('ap-northeast-2');
  /** Asia Pacific (Mumbai). */
  public static readonly AP_SOUTH_1 = new SupabaseRegion('ap-south-1');
  /** Asia Pacific (Singapore). */
  public static readonly AP_SOUTHEAST_1 = new SupabaseRegion('ap-southeast-1');
  /** Asia Pacific (Sydney). */
  public static readonly AP_SOUTHEAST_2 = new SupabaseRegion('ap-southeast-2');

  /**
   * A region by code, for a region newer than this library ("me-central-1").
   * The code must look like a region; Supabase checks that it exists at apply.
   */
  public static of(code: string): SupabaseRegion {
    if (typeof code !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(code)) {
      throw new ValidationError('SupabaseRegion.of', 'code', code, 'a region code such as "us-east-1"');
    }
    return knownRegions().find((r) => r.value === code) ?? new SupabaseRegion(code);
  }

  private constructor(
    /** The region code, for example "us-east-1". */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'SupabaseRegion');
  }

  /** The region code. */
  public toString(): string {
    return this.value;
  }
}

/** The regions this library knows (the static members). */
function knownRegions(): SupabaseRegion[] {
  return Object.values(SupabaseRegion).filter((v): v is SupabaseRegion => v instanceof SupabaseRegion);
}

/**
 * A compute size of a Supabase project (`supabase_project.instance_size`).
 *
 * @example
 * const size = SupabaseInstanceSize.SMALL;
 */
export class SupabaseInstanceSize {
  /** Nano (free plan). */
  public static readonly NANO = new SupabaseInstanceSize('nano');
  /** Micro. */
  public static readonly MICRO = new SupabaseInstanceSize('micro');
  /** Small. */
  public static readonly SMALL = new SupabaseInstanceSize('small');
  /** Medium. */
  public static readonly MEDIUM = new SupabaseInstanceSize('medium');
  /** Large. */
  public static readonly LARGE = new SupabaseInstanceSize('large');
  /** XL. */
  public static readonly XLARGE = new SupabaseInstanceSize('xlarge');
  /** 2XL. */
  public static readonly XLARGE2 = new SupabaseInstanceSize('2xlarge');
  /** 4XL. */
  public static readonly XLARGE4 = new SupabaseInstanceSize('4xlarge');
  /** 8XL. */
  public static readonly XLARGE8 = new SupabaseInstanceSize('8xlarge');
  /** 12XL. */
  public static readonly XLARGE12 = new SupabaseInstanceSize('12xlarge');
  /** 16XL. */
  public static readonly XLARGE16 = new SupabaseInstanceSize('16xlarge');
  /** 24XL. */
  public static readonly XLARGE24 = new SupabaseInstanceSize('24xlarge');
  /** 24XL, high memory. */
  public static readonly XLARGE24_HIGH_MEMORY = new SupabaseInstanceSize('24xlarge_high_memory');
  /** 24XL, optimized CPU. */
  public static readonly XLARGE24_OPTIMIZED_CPU = new SupabaseInstanceSize('24xlarge_optimized_cpu');
  /** 24XL, optimized memory. */
  public static readonly XLARGE24_OPTIMIZED_MEMORY = new SupabaseInstanceSize('24xlarge_optimized_memory');
  /** 48XL. */
  public static readonly XLARGE48 = new SupabaseInstanceSize('48xlarge');
  /** 48XL, high memory. */
  public static readonly XLARGE48_HIGH_MEMORY = new SupabaseInstanceSize('48xlarge_high_memory');
  /** 48XL, optimized CPU. */
  public static readonly XLARGE48_OPTIMIZED_CPU = new SupabaseInstanceSize('48xlarge_optimized_cpu');
  /** 48XL, optimized memory. */
  public static readonly XLARGE48_OPTIMIZED_MEMORY = new SupabaseInstanceSize('48xlarge_optimized_memory');

  /** A size by name, for a size newer than this library. */
  public static of(name: string): SupabaseInstanceSize {
    if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9_]{0,39}$/.test(name)) {
      throw new ValidationError('SupabaseInstanceSize.of', 'name', name, 'an instance size name such as "small" or "2xlarge"');
    }
    return new SupabaseInstanceSize(name);
  }

  private constructor(
    /** The size name, for example "small". */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'SupabaseInstanceSize');
  }

  /** The size name. */
  public toString(): string {
    return this.value;
  }
}
