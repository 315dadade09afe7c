import type { BoardMaterial, MaterialKind, MaterialShapeType } from '@panda/shared';
import type { ComponentType } from 'react';
import { BaseBoxShapeUtil, HTMLContainer, T, type RecordProps, type TLShape } from 'tldraw';
import { LinkMaterialView, MediaMaterialView, TestMaterialView, TextMaterialView, VocabularyMaterialView } from './MaterialViews';

/** Every material shape: a box holding the material as the board received it. */
interface MaterialShapeProps {
  w: number;
  h: number;
  material: BoardMaterial;
}

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    'material-media': MaterialShapeProps;
    'material-text': MaterialShapeProps;
    'material-test': MaterialShapeProps;
    'material-vocabulary': MaterialShapeProps;
    'material-link': MaterialShapeProps;
  }
}

export type MaterialShape = TLShape<MaterialShapeType>;

/** What a material view gets: the material and the shape showing it (its id keys shared state). */
export interface MaterialViewProps {
  shapeId: MaterialShape['id'];
  material: BoardMaterial;
}

const SHAPE_OF_KIND: Record<MaterialKind, MaterialShapeType> = {
  video: 'material-media',
  audio: 'material-media',
  text: 'material-text',
  test: 'material-test',
  vocabulary: 'material-vocabulary',
  link: 'material-link',
  file: 'material-link',
};

const FIRST_SIZE: Record<MaterialShapeType, { w: number; h: number }> = {
  'material-media': { w: 560, h: 360 },
  'material-text': { w: 520, h: 420 },
  'material-test': { w: 560, h: 520 },
  'material-vocabulary': { w: 620, h: 420 },
  'material-link': { w: 360, h: 140 },
};

/** The shape type and first size for a material shown on the board. */
export function shapeForMaterial(material: BoardMaterial): { type: MaterialShapeType; w: number; h: number } {
  const type = SHAPE_OF_KIND[material.kind];
  return { type, ...FIRST_SIZE[type] };
}

const materialProps = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  // Validated where it is made (the API's BoardMaterial); the board keeps it as plain JSON.
  material: T.jsonValue as unknown as T.Validator<BoardMaterial>,
} satisfies RecordProps<MaterialShape>;

function materialShapeUtil(type: MaterialShapeType, View: ComponentType<MaterialViewProps>) {
  return class extends BaseBoxShapeUtil<TLShape<typeof type>> {
    static override type = type;
    static override props = materialProps;

    override getDefaultProps(): MaterialShapeProps {
      return { w: 400, h: 300, material: { materialId: '', kind: 'link', title: '', language: 'en', level: null, content: { url: 'https://example.com' } } };
    }

    override canEdit(): boolean {
      return false;
    }

    override component(shape: TLShape<typeof type>) {
      return (
        <HTMLContainer className="material-shape" data-material-kind={shape.props.material.kind} style={{ pointerEvents: 'all' }}>
          <header className="material-shape-title">{shape.props.material.title}</header>
          <div className="material-shape-body">
            <View shapeId={shape.id} material={shape.props.material} />
          </div>
        </HTMLContainer>
      );
    }

    override getIndicatorPath(shape: TLShape<typeof type>): Path2D {
      const path = new Path2D();
      path.roundRect(0, 0, shape.props.w, shape.props.h, 8);
      return path;
    }
  };
}

export const MATERIAL_SHAPE_UTILS = [
  materialShapeUtil('material-media', MediaMaterialView),
  materialShapeUtil('material-text', TextMaterialView),
  materialShapeUtil('material-test', TestMaterialView),
  materialShapeUtil('material-vocabulary', VocabularyMaterialView),
  materialShapeUtil('material-link', LinkMaterialView),
];
